"""WSGI entry point: `flask run` and production servers find `app` here."""
from directory import create_app

app = create_app()
