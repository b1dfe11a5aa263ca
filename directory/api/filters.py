"""Search parameters as an allow-list, each applied by one small function (AND semantics)."""
import re

from sqlalchemy import or_

from directory.store.models import Attribute, Organization, Service, TaxonomyTerm


WORD = re.compile(r"[\w'-]+")


def like_pattern(word):
    """Return a case-insensitive substring pattern with LIKE wildcards escaped."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_words(stmt, text, columns_for):
    """Require every word of `text` to match one of the clauses `columns_for(pattern)` gives."""
    # Punctuation separates words ("food, housing"), so a trailing comma never empties a search.
    for word in WORD.findall(text or ""):
        stmt = stmt.where(or_(*columns_for(like_pattern(word))))
    return stmt


def _service_text(pattern):
    return [
        Service.name.ilike(pattern, escape="\\"),
        Service.alternate_name.ilike(pattern, escape="\\"),
        Service.description.ilike(pattern, escape="\\"),
        Service.organization.has(Organization.name.ilike(pattern, escape="\\")),
        Service.attributes.any(
            Attribute.taxonomy_term.has(TaxonomyTerm.name.ilike(pattern, escape="\\"))
        ),
    ]


def search_services(stmt, text):
    """Keep services matching every word in name, descriptions, organization or term names.

    This is the one step a search index can replace: it takes and returns a statement.
    """
    return match_words(stmt, text, _service_text)


def by_taxonomy_term(stmt, term_id):
    """Keep services tagged with the term."""
    return stmt.where(Service.attributes.any(Attribute.taxonomy_term_id == term_id))


def by_taxonomy(stmt, taxonomy_id):
    """Keep services tagged with any term of the taxonomy."""
    return stmt.where(
        Service.attributes.any(
            Attribute.taxonomy_term.has(TaxonomyTerm.taxonomy_id == taxonomy_id)
        )
    )


def by_organization(stmt, organization_id):
    """Keep the organization's services."""
    return stmt.where(Service.organization_id == organization_id)


def by_modified_after(stmt, when):
    """Keep services modified on or after `when`."""
    return stmt.where(Service.last_modified >= when)


def by_status(stmt, status):
    """Keep services with the given status."""
    return stmt.where(Service.status == status)


SERVICE_FILTERS = {
    "search": search_services,
    "taxonomy_term_id": by_taxonomy_term,
    "taxonomy_id": by_taxonomy,
    "organization_id": by_organization,
    "modified_after": by_modified_after,
    "status": by_status,
}


def filter_services(stmt, params):
    """Apply every service filter present in `params` to a statement that involves Service."""
    for name, apply in SERVICE_FILTERS.items():
        if params.get(name) not in (None, ""):
            stmt = apply(stmt, params[name])
    return stmt
