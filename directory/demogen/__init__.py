"""Demo directory generator: realistic, deterministic HSDS records streamed in bounded memory."""
