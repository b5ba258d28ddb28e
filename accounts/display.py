"""How an account is named to its user: by the email they signed up with, never by the
username allauth generates behind it."""


def email_of(user) -> str:
    return user.email or user.get_username()
