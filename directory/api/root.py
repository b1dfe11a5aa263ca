"""GET / (HSDS API meta information) and the profile: our JSON Merge Patches to HSDS 3.0."""
import json
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request, url_for

from directory.errors import NotFound

from .common import NoParams
from .params import parse

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profile"

bp = Blueprint("api_root", __name__)
profile_bp = Blueprint("api_profile", __name__)


@cache
def patches():
    """Return {file name: merge patch} for every profile file shipped with the package."""
    return {path.name: json.loads(path.read_text()) for path in sorted(PROFILE_DIR.glob("*.json"))}


def profile_url():
    """Return the absolute URL of our profile."""
    return url_for("api_profile.profile_index", _external=True)


@bp.get("/")
def meta():
    """Describe this API: HSDS version, profile, OpenAPI document."""
    parse(NoParams)
    return jsonify({
        "version": current_app.config["HSDS_VERSION"],
        "profile": profile_url(),
        "openapi_url": url_for("api_openapi.openapi_document", _external=True),
    })


@profile_bp.get("/")
def profile_index():
    """List the merge-patch files of the profile, each with its URL."""
    parse(NoParams)
    files = [
        {"schema": name, "url": url_for("api_profile.profile_file", name=name[:-5], _external=True)}
        for name in patches()
    ]
    return jsonify({
        "profile": request.base_url,
        "hsds_version": current_app.config["HSDS_VERSION"],
        "description": (
            "HSDS 3.0 with matching extensions. Each file is a JSON Merge Patch (RFC 7396) "
            "to the HSDS 3.0 schema of the same name."
        ),
        "patches": files,
    })


@profile_bp.get("/<name>.json")
def profile_file(name):
    """Serve one merge-patch file."""
    parse(NoParams)
    patch = patches().get(f"{name}.json")
    if patch is None:
        raise NotFound(f"The profile has no patch for {name}.json.")
    return jsonify(patch)
