"""Peak resident memory: of this process (getrusage) and of a server process (psutil)."""
import resource
import threading
import time

SAMPLE_SECONDS = 0.1
# PSS comes from walking /proc/<pid>/smaps: about 27 ms of CPU for the 1M benchmark's three
# server processes. Every 0.1 s that took a quarter of a core from the server it measured
# (203 matches/s unwatched, 168 watched); every few seconds, and once at the end, it costs
# nothing noticeable. Mapped index pages stay resident, so the end is when PSS is highest.
PSS_SECONDS = 5.0


def peak_rss_mib(who=resource.RUSAGE_SELF):
    """Return the peak resident set size of this process (or its children) in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux reports kilobytes


class RssSampler:
    """Watch another process's RSS (with its children) while a block runs; `peak_mib` is the
    highest seen, `peak_pss_mib` the highest proportional set size (each shared page split
    between the processes mapping it: their footprint together), `peak_process_mib` the
    highest RSS of any one of them."""

    def __init__(self, process):
        self.process, self.peak, self.peak_pss, self.peak_process = process, 0, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        import psutil

        next_pss = time.monotonic()
        while not self._stop.is_set():
            # A multi-process server: the sum over its processes (pages they share, such as
            # the mapped index, are counted once per process, so this overstates).
            try:
                family = self._family()
                sizes = [p.memory_info().rss for p in family]
                self.peak = max(self.peak, sum(sizes))
                self.peak_process = max(self.peak_process, *sizes)
                if time.monotonic() >= next_pss:
                    self._sample_pss(family)
                    next_pss = time.monotonic() + PSS_SECONDS
            except psutil.Error:
                pass
            self._stop.wait(SAMPLE_SECONDS)

    def _family(self):
        return [self.process, *self.process.children(recursive=True)]

    def _sample_pss(self, family):
        self.peak_pss = max(self.peak_pss, sum(p.memory_full_info().pss for p in family))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        import psutil

        self._stop.set()
        self._thread.join()
        try:
            self._sample_pss(self._family())
        except psutil.Error:
            pass
        top = self._high_water_mark()
        self.peak, self.peak_process = max(self.peak, top), max(self.peak_process, top)

    def _high_water_mark(self):
        """Return the kernel's own peak RSS (VmHWM) in bytes where /proc has it, else 0."""
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def peak_mib(self):
        """Return the peak RSS in MiB."""
        return self.peak / 2**20

    def peak_process_mib(self):
        """Return the peak RSS of the largest single process in MiB."""
        return self.peak_process / 2**20

    def peak_pss_mib(self):
        """Return the peak proportional set size in MiB."""
        return self.peak_pss / 2**20
