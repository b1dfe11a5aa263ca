"""Demo directory commands: `flask demo load` (through the audited store) and `flask demo export`.

The generator lives in `directory.demogen`; this module only streams its records into the
store in batches (one transaction each) or into an NDJSON file.
"""
import json
import time
from dataclasses import dataclass
from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from directory import taxonomy
from directory.demogen.generator import generate
from directory.store.db import get_session
from directory.store.bulk import BulkSaver
from directory.store.models import Organization, Service

ACTOR = "demo-loader"
BATCH_SIZE = 250


@dataclass
class LoadStats:
    """What a demo load wrote, and how fast."""

    organizations: int = 0
    services: int = 0
    created: int = 0
    changed: int = 0
    seconds: float = 0.0

    @property
    def rate(self):
        return self.services / self.seconds if self.seconds else 0.0


def has_services(session):
    """Tell whether the store holds any service at all."""
    return session.scalar(select(Service.id).limit(1)) is not None


def load_demo(session, size, seed, *, batch_size=BATCH_SIZE, progress=None, today=None):
    """Write the generated directory through the store write API; return LoadStats."""
    started = time.perf_counter()
    taxonomy.load_open_eligibility(session)
    taxonomy.ensure_profile_taxonomy(session)
    session.commit()
    stats = LoadStats()
    for batch in _batches(generate(size, seed, today), batch_size):
        _load_batch(session, batch, stats)
        _commit(session)
        if progress:
            stats.seconds = time.perf_counter() - started
            progress(stats, size)
    stats.seconds = time.perf_counter() - started
    return stats


def _batches(records, batch_size):
    """Yield lists of records holding `batch_size` services each (with their organizations)."""
    batch, services = [], 0
    for record in records:
        batch.append(record)
        services += record.kind == "service"
        if services == batch_size:
            yield batch
            batch, services = [], 0
    if batch:
        yield batch


def _load_batch(session, batch, stats):
    """Save one batch in generation order (organizations before their services) as one pass."""
    saver = BulkSaver(session, actor=ACTOR)
    for kind, model in (("organization", Organization), ("service", Service)):
        saver.prefetch(model, [record.data for record in batch if record.kind == kind])
    for record in batch:
        if record.kind == "organization":
            saver.save(Organization, record.data)
            stats.organizations += 1
            continue
        result = saver.save(Service, record.data)
        _seed_assured_date(result, record.data)
        stats.services += 1
        stats.created += result.created
        stats.changed += result.changed and not result.created
    saver.finish()


def _seed_assured_date(result, data):
    """Give a new demo service its simulated confirmation date.

    The write API sets assured_date only when a person confirms (it ignores the input field),
    but a demo directory needs listings confirmed at various times in the past to show
    freshness; only a service created just now gets it, so loading again changes nothing.
    """
    if result.created and data.get("assured_date"):
        result.record.assured_date = date.fromisoformat(data["assured_date"])


def _commit(session):
    """Commit a batch and forget its objects, so memory stays flat on large loads."""
    session.commit()
    session.expunge_all()


def export_ndjson(stream, size, seed, today=None):
    """Write one generated service per line, each with its organisation; return the count."""
    organization, locations, count = None, {}, 0
    for record in generate(size, seed, today):
        if record.kind == "organization":
            # The read-only nested copy HSDS puts on a service: the organisation without its
            # locations, which the service's service_at_locations carry themselves.
            organization = {k: v for k, v in record.data.items() if k != "locations"}
            locations = {location["id"]: location for location in record.data["locations"]}
            continue
        stream.write(json.dumps(_self_contained(record.data, organization, locations),
                                ensure_ascii=False) + "\n")
        count += 1
    return count


def _self_contained(service, organization, locations):
    """Return the service as GET shows it: nested organisation and full locations."""
    sites = [dict(site, location=locations[site["location_id"]])
             for site in service["service_at_locations"]]
    return dict(service, service_at_locations=sites, organization=organization)


def init_app(app):
    """Register the demo commands."""
    app.cli.add_command(demo_cli)


@click.group("demo", cls=AppGroup, help="Generate a realistic demo directory.")
def demo_cli():
    pass


def _print_progress(stats, size):
    click.echo(f"  {stats.services}/{size} services, {stats.organizations} organizations "
               f"({stats.rate:.0f} services/s)")


@demo_cli.command("load")
@click.option("--size", type=int, default=None, help="Services to generate (DEMO_SIZE).")
@click.option("--seed", type=int, default=None, help="Random seed (DEMO_SEED).")
@click.option("--if-empty", is_flag=True, help="Do nothing when services already exist.")
def load_command(size, seed, if_empty):
    """Load a generated demo directory into the store (taxonomies first)."""
    size = size if size is not None else current_app.config["DEMO_SIZE"]
    seed = seed if seed is not None else current_app.config["DEMO_SEED"]
    session = get_session()
    if if_empty and has_services(session):
        click.echo("demo: the directory already has services; nothing loaded")
        return
    click.echo(f"demo: generating {size} services (seed {seed})")
    stats = load_demo(session, size, seed, progress=_print_progress)
    click.echo(f"demo: {stats.services} services of {stats.organizations} organizations in "
               f"{stats.seconds:.1f} s ({stats.rate:.0f} services/s); {stats.created} created, "
               f"{stats.changed} changed")


@demo_cli.command("export")
@click.option("--size", type=int, default=None, help="Services to generate (DEMO_SIZE).")
@click.option("--seed", type=int, default=None, help="Random seed (DEMO_SEED).")
@click.option("--format", "fmt", type=click.Choice(["ndjson"]), default="ndjson")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_command(size, seed, fmt, path):
    """Write the generated services as NDJSON (one HSDS service per line) to PATH."""
    size = size if size is not None else current_app.config["DEMO_SIZE"]
    seed = seed if seed is not None else current_app.config["DEMO_SEED"]
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as stream:
        count = export_ndjson(stream, size, seed)
    click.echo(f"demo: wrote {count} services to {path} as {fmt} "
               f"in {time.perf_counter() - started:.1f} s")
