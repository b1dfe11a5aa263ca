"""WTForms for the sign-in and account pages (Flask-WTF adds the CSRF field to each)."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class SignInForm(FlaskForm):
    """Email and password; the view, not the form, decides whether they match an account."""

    email = EmailField("Email", validators=[DataRequired("Enter your email address."),
                                            Length(max=320)],
                       render_kw={"autocomplete": "username", "inputmode": "email"})
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")],
                             render_kw={"autocomplete": "current-password"})


class TokenForm(FlaskForm):
    """Name a new API token so its owner can tell tokens apart when revoking one."""

    name = StringField("Token name", default="API token",
                       validators=[DataRequired("Give the token a name."), Length(max=100)],
                       description="For example the system that will use it.")


class ConfirmForm(FlaskForm):
    """A button-only form (sign out, revoke): its only field is the CSRF token."""
