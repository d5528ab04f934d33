"""Who wrote a comment, as far as moderation needs to know: one key per mailbox.

A commenter is known by a keyed hash of their normalized email address. The
key groups a reader's comments (the duplicate check, the flood limit, the
history and trust steps, "all comments of this commenter", forgetting a
commenter) without putting the address in cache keys or URLs.
"""

from django.utils.crypto import salted_hmac

# Providers that deliver mail for "j.doe", "jdoe" and "J.Doe" to one mailbox,
# and the domain each is known by.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalized_email(email):
    """The mailbox an address reaches: lower case, without a `+tag`, without ignored dots.

    "Reader.One+news@GoogleMail.com" and "readerone@gmail.com" are the same
    mailbox. The `+tag` is dropped for every provider: most deliver it to the
    same mailbox, and where one does not, two readers share a flood limit.
    """
    local, at, domain = email.strip().casefold().rpartition("@")
    if not at:
        return email.strip().casefold()
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def commenter_key(email):
    """A keyed hash of the mailbox: the same for every spelling of one address.

    Keyed with SECRET_KEY, so the key cannot be matched against a list of
    known addresses by anyone without the secret.
    """
    if not email:
        return ""
    return salted_hmac(
        "comments.commenter", normalized_email(email), algorithm="sha256"
    ).hexdigest()
