"""`flask match`: the POST /match request as command-line options, answered as a table."""
import json

import click
from flask.cli import with_appcontext
from marshmallow import ValidationError

from directory.errors import DomainError

COLUMNS = (("#", 3), ("score", 6), ("service", 32), ("organization", 26), ("km", 6),
           ("unknowns", 40))


@click.command("match")
@click.option("--need", "needs", multiple=True, help="Taxonomy term id or code (repeatable).")
@click.option("--text", help="Free-text need.")
@click.option("--zip", "postal_code", help="Client's ZIP code.")
@click.option("--address", help="Client's address or city.")
@click.option("--lat", "latitude", type=float)
@click.option("--lon", "longitude", type=float)
@click.option("--distance", "max_distance_km", type=float, help="Travel radius in km.")
@click.option("--modality", multiple=True, help="in_person, virtual or phone (repeatable).")
@click.option("--age", type=float)
@click.option("--gender")
@click.option("--household-size", "household_size", type=int)
@click.option("--income", "annual_income", type=float, help="Household income per year.")
@click.option("--insurance")
@click.option("--veteran/--not-veteran", default=None)
@click.option("--language", "languages", multiple=True, help="ISO 639 code (repeatable).")
@click.option("--interpreter-ok", is_flag=True, default=None)
@click.option("--accessibility", multiple=True, help="Required access code (repeatable).")
@click.option("--free-only", is_flag=True, default=None)
@click.option("--max-cost", "max_amount", type=float)
@click.option("--available", multiple=True, help='"mon 09:00 12:00" (repeatable).')
@click.option("--prefer", "preferences", multiple=True, help="Preference code (repeatable).")
@click.option("--limit", type=int)
@click.option("--page", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON response instead.")
@with_appcontext
def match_command(as_json, **options):
    """Match a client profile against the index and print the ranked services."""
    from directory.api.match import MatchRequestSchema, run_match

    try:
        body = run_match(MatchRequestSchema().load(request_from_options(options)))
    except ValidationError as error:
        raise click.ClickException(json.dumps(error.messages))
    except DomainError as error:
        raise click.ClickException(f"{error.message} {json.dumps(error.errors)}")
    if as_json:
        click.echo(json.dumps(body, indent=2))
        return
    click.echo(table(body))


def request_from_options(options):
    """Return the POST /match body the options describe (unset options left out)."""
    place = {key: options.pop(key) for key in ("latitude", "longitude", "postal_code", "address")
             if options.get(key) is not None}
    options = {key: value for key, value in options.items()
               if value is not None and value != ()}
    cost = {key: options.pop(key) for key in ("free_only", "max_amount") if key in options}
    body = {key: list(value) if isinstance(value, tuple) else value
            for key, value in options.items()}
    if "available" in body:
        body["available"] = [dict(zip(("day", "from", "to"), window.split()))
                             for window in body["available"]]
    if place:
        body["location"] = place
    if cost:
        body["cost"] = cost
    return body


def table(body):
    """Return the results as a fixed-width text table with a summary line."""
    lines = ["  ".join(title.ljust(width) for title, width in COLUMNS)]
    for rank, result in enumerate(body["results"], start=1):
        km = "" if result["distance_km"] is None else f"{result['distance_km']:.1f}"
        cells = (str(rank), f"{result['score']:.3f}", result["service"]["name"],
                 result["service"]["organization"]["name"], km,
                 "; ".join(result["fit"]["unknown"]) or "-")
        lines.append("  ".join(_cut(cell, width) for cell, (_t, width) in zip(cells, COLUMNS)))
    lines.append(f"{body['total_feasible']} feasible services")
    lines.extend(f"relaxed: {label}" for label in body["relaxed"])
    return "\n".join(lines)


def _cut(text, width):
    return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)
