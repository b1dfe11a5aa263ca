"""Taxonomies: the shipped Open Eligibility load, the profile terms, and imported CSV files."""
import csv
from importlib import resources

from sqlalchemy import func, select

from directory import taxonomy
from directory.store.ids import stable_id
from directory.store.models import Taxonomy, TaxonomyTerm
from matcher import vocabulary


def count_terms(session, taxonomy_id):
    return session.scalar(select(func.count()).select_from(TaxonomyTerm)
                          .where(TaxonomyTerm.taxonomy_id == taxonomy_id))


def test_open_eligibility_loads_every_term_with_its_parent(session):
    written = taxonomy.load_open_eligibility(session)
    session.commit()

    tax_id = stable_id("taxonomy", "open-eligibility")
    assert written == 290
    assert count_terms(session, tax_id) == 290
    tax = session.get(Taxonomy, tax_id)
    assert (tax.name, tax.uri) == ("Open Eligibility", "https://openeligibility.org")
    help_pay_food = session.get(TaxonomyTerm, stable_id("open-eligibility", "101-02-01"))
    assert help_pay_food.name == "Help Pay for Food"
    assert help_pay_food.parent.code == "101-02"
    assert help_pay_food.parent.parent.name == "Emergency"
    assert help_pay_food.description and help_pay_food.language == "en"
    assert help_pay_food.taxonomy == "Open Eligibility"
    assert session.get(TaxonomyTerm, stable_id("open-eligibility", "101")).parent_id is None


def test_second_load_changes_nothing(session):
    taxonomy.load_open_eligibility(session)
    session.commit()
    before = {t.id: (t.name, t.parent_id, t.description)
              for t in session.scalars(select(TaxonomyTerm))}

    assert taxonomy.load_open_eligibility(session) == 0
    assert not session.dirty and not session.new
    session.commit()
    after = {t.id: (t.name, t.parent_id, t.description)
             for t in session.scalars(select(TaxonomyTerm))}
    assert after == before


def test_shipped_csv_is_package_data_with_parents_inside_it():
    text = resources.files("directory").joinpath("data/open_eligibility.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    codes = {row["taxonomy_id"] for row in rows}
    assert len(rows) == 290
    assert all(row["parent_id"] in codes for row in rows if row["parent_id"])


def test_profile_taxonomy_has_one_term_per_vocabulary_code(session):
    assert taxonomy.ensure_profile_taxonomy(session) == len(vocabulary.TERMS)
    session.commit()
    assert taxonomy.ensure_profile_taxonomy(session) == 0
    gender = session.get(TaxonomyTerm, stable_id("profile", "gender"))
    assert gender.taxonomy_id == stable_id("taxonomy", "profile")
    assert gender.taxonomy_detail.name == vocabulary.PROFILE_TAXONOMY_NAME


def test_term_id_for_code_finds_loaded_terms_only(session):
    assert taxonomy.term_id_for_code(session, "102-04") is None
    taxonomy.load_open_eligibility(session)
    taxonomy.ensure_profile_taxonomy(session)
    assert taxonomy.term_id_for_code(session, "102-04") == stable_id("open-eligibility", "102-04")
    assert taxonomy.term_id_for_code(session, "veteran_status") == stable_id(
        "profile", "veteran_status")
    assert taxonomy.term_id_for_code(session, "999-99") is None


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["taxonomy_id", "name", "parent_id", "parent_name"])
        writer.writerows(rows)


def test_cli_load_then_import_a_county_taxonomy(runner, app, tmp_path):
    path = tmp_path / "airs.csv"
    # Children listed before their parent on purpose: exports are not always ordered.
    write_csv(path, [["BD-1800.2000", "Food Pantries", "BD-1800", "Emergency Food"],
                     ["BD-1800", "Emergency Food", "BD", "Basic Needs"],
                     ["BD", "Basic Needs", "", ""],
                     ["", "No code", "", ""],
                     ["XX-1", "Orphan", "XX", ""]])
    loaded = runner.invoke(args=["taxonomy", "load"])
    assert loaded.exit_code == 0, loaded.output
    assert "290 terms" in loaded.output

    result = runner.invoke(args=["taxonomy", "import", str(path), "--name", "AIRS 211 LA"])
    assert result.exit_code == 0, result.output
    assert "3 terms created or changed" in result.output and "2 rejected" in result.output
    assert "line 5" in result.output and "line 6" in result.output
    with app.app_context():
        from directory.store.db import get_session

        session = get_session()
        pantry = session.get(TaxonomyTerm, stable_id("airs-211-la", "BD-1800.2000"))
        assert pantry.parent.parent.name == "Basic Needs"
        assert pantry.taxonomy_detail.name == "AIRS 211 LA"
        assert count_terms(session, stable_id("taxonomy", "open-eligibility")) == 290
    again = runner.invoke(args=["taxonomy", "import", str(path), "--name", "AIRS 211 LA"])
    assert "0 terms created or changed, 3 unchanged" in again.output


def test_cli_import_refuses_a_file_without_the_columns(runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,label\nA,Food\n", encoding="utf-8")
    result = runner.invoke(args=["taxonomy", "import", str(path), "--name", "Bad"])
    assert result.exit_code != 0
    assert "missing: taxonomy_id" in result.output
