"""Default settings. Nothing here reads the environment: create_app layers overrides on top."""


class DefaultConfig:
    """Settings for running the service on one machine with embedded defaults."""

    # Overridden by the instance config or DIRECTORY_SECRET_KEY in production.
    SECRET_KEY = "dev-only-change-me"
    # None means: a SQLite file in the instance folder.
    DATABASE_URL = None
    # Echo SQL statements to the log (debugging only).
    DATABASE_ECHO = False
    # Default and largest page size for paginated HSDS lists.
    PER_PAGE_DEFAULT = 50
    PER_PAGE_MAX = 500
    # The profile URI published on GET /; the merge-patch files are served below it.
    HSDS_VERSION = "3.0"
    PROFILE_PATH = "/profile/"
    # Largest request body accepted, in bytes (oversized bodies get 413).
    MAX_CONTENT_LENGTH = 1 * 1024 * 1024
    # Search backend: "tantivy" (embedded) unless ELASTICSEARCH_URL is set.
    SEARCH_BACKEND = None
    ELASTICSEARCH_URL = None
    ELASTICSEARCH_INDEX = "directory-services"
    # Index directory; None means <instance>/search-index.
    SEARCH_INDEX_PATH = None
    # Drain the search outbox from a background thread in the web process (one process
    # wins the writer lock); False when a separate `flask index sync --follow` runs.
    # None: on, except under TESTING (tests drain explicitly).
    SEARCH_SYNC_THREAD = None
    # Seconds between outbox polls: writes are searchable within about a second.
    SEARCH_SYNC_INTERVAL = 0.5
    # tantivy: the writer folds the documents written since the last build (matched one by
    # one: 500 of them tripled the median match at 100k services) into a new build once
    # there are this many. A build costs about 0.25 ms of CPU a document of the whole index.
    # None turns it off (`flask index compact` still does it on demand).
    SEARCH_COMPACT_AFTER = 1000
    # Year of the federal poverty guideline table used for income limits.
    POVERTY_GUIDELINE_YEAR = 2025
    # Optional online geocoder (Nominatim-compatible URL); None keeps geocoding offline.
    GEOCODER_URL = None
    GEOCODER_USER_AGENT = "community-directory/0.1"
    # Build the offline geocoder's tables (about 2 s) in the background on a process's first
    # request instead of in its first geocoded search. None: on, except under TESTING.
    GEOCODER_WARM_UP = None
    # Demo directory size loaded by `make run` when the database is empty.
    DEMO_SIZE = 2000
    DEMO_SEED = 1
    # Accounts (directory.auth). Session cookies: None = Secure unless TESTING or DEBUG
    # (plain-http development); production answers over https and keeps them Secure.
    SESSION_COOKIE_SECURE = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = None
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Signed-in page sessions end after 12 hours (shared clinic and kiosk machines).
    PERMANENT_SESSION_LIFETIME = 12 * 3600
    WTF_CSRF_ENABLED = True
    # A form stays valid as long as its session, not one hour (long edit forms on phones).
    WTF_CSRF_TIME_LIMIT = None
    # Sign-in throttling (Flask-Limiter). Several worker processes need shared storage (redis://).
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_STRATEGY = "moving-window"
    SIGNIN_FAILURE_LIMIT = "5 per 15 minutes"
    SIGNIN_IP_FAILURE_LIMIT = "20 per 15 minutes"
    PASSWORD_MIN_LENGTH = 12
    # Argon2id parameters, by name (directory.auth.passwords.PROFILES); None = the RFC 9106
    # low-memory profile, or a ~1 ms profile when TESTING.
    PASSWORD_HASH_PROFILE = None


class TestConfig(DefaultConfig):
    """Settings used by the test suite on top of the test mapping."""

    TESTING = True
    SECRET_KEY = "test"
