"""Taxonomies, their terms, and attributes that link terms to any HSDS record."""
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, HasId, fk


class Taxonomy(HasId, Base):
    __tablename__ = "taxonomy"

    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(Text)

    terms: Mapped[list["TaxonomyTerm"]] = relationship(back_populates="taxonomy_detail")


class TaxonomyTerm(HasId, Base):
    __tablename__ = "taxonomy_term"

    code: Mapped[str | None] = mapped_column(String(255), index=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[str | None] = fk("taxonomy_term.id")
    # HSDS 3.0 keeps a free-text `taxonomy` beside the `taxonomy_id` link.
    taxonomy: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    taxonomy_id: Mapped[str | None] = fk("taxonomy.id")
    term_uri: Mapped[str | None] = mapped_column(Text)

    taxonomy_detail: Mapped[Taxonomy | None] = relationship(back_populates="terms")
    parent: Mapped["TaxonomyTerm | None"] = relationship(remote_side="TaxonomyTerm.id")


class Attribute(HasId, Base):
    """Links a taxonomy term (and an optional value) to the record named by link_entity/link_id.

    Eligibility, preferences and modality are structured this way so that the matcher never has
    to read prose; see matcher/vocabulary.py for the terms and their values.
    """

    __tablename__ = "attribute"

    link_id: Mapped[str] = mapped_column(String(36), index=True)
    link_entity: Mapped[str] = mapped_column(String(64))
    link_type: Mapped[str | None] = mapped_column(String(64))
    taxonomy_term_id: Mapped[str] = fk("taxonomy_term.id")
    value: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(Text)

    taxonomy_term: Mapped[TaxonomyTerm] = relationship(lazy="joined")
