"""What the cart answers when it cannot do what was asked.

Every class is an APIException so the shared exception handler renders it;
the default detail of each is the message users see.
"""

from rest_framework import exceptions, status


class CartError(exceptions.APIException):
    """Base of the cart's own errors."""


class ProductUnavailable(CartError):
    """404: the catalog does not know the product or it is not for sale."""

    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "The product does not exist or is not for sale."
    default_code = "product_unavailable"


class CartLineNotFound(CartError):
    """404: the product is not in the cart."""

    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "The product is not in the cart."
    default_code = "cart_line_not_found"


class CartLineQuantityInvalid(CartError):
    """400 keyed by `quantity` (DRF's validation shape): the line would hold
    more than the per-product limit."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, message: str):
        super().__init__(detail={"quantity": [message]})


class InsufficientStock(CartError):
    """409: the line would hold more than the catalog has in stock."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Not enough of this product in stock."
    default_code = "insufficient_stock"


class CartFull(CartError):
    """409: the cart already holds as many different products as it may."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The cart cannot hold more different products."
    default_code = "cart_full"


class CartStoreUnavailable(CartError):
    """503: Redis, where carts live, is unreachable or failing."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The cart is temporarily unavailable. Try again later."
    default_code = "cart_store_unavailable"
