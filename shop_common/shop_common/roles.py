"""The roles a token can carry. Named constants, never magic strings in views."""

CUSTOMER = "customer"
ADMIN = "admin"
# Carried only by service tokens (see shop_common.service_tokens), never by a user.
SERVICE = "service"

USER_ROLES = (CUSTOMER, ADMIN)
