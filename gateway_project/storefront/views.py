"""The shop pages. Each view reads its input with a form, calls the services
through `backends`, shapes their answers with `presenters` and renders.

- A service that cannot be reached leaves the page up (200) with a notice in
  `notices`; never a 500.
- A service's refusal (4xx) is shown on the page: beside the form's fields
  for a 400, as a message otherwise; an unknown or someone else's product or
  order is a 404 page.
- A 401 (the login was revoked) goes back to the login page
  (`accounts.access.shopper_required`).
- POST actions redirect (post/redirect/get) with a Django message.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import raise_if_signed_out, shopper_required
from backends import cart as cart_service
from backends import catalog as catalog_service
from backends import orders as order_service
from backends import payments as payment_service
from backends.errors import BackendRefused
from pages.presenters import unavailable_notice
from shop_common.errors import ServiceUnavailable
from storefront import presenters
from storefront.forms import (
    ORDERINGS,
    CardForm,
    CartLineForm,
    CartRemoveForm,
    CatalogFilterForm,
    CheckoutForm,
    PageForm,
    QuantityForm,
)


def _missing(request, *, title: str, text: str):
    """The 404 page of an unknown (or someone else's) product or order."""
    return render(request, "storefront/missing.html", {"title": title, "text": text}, status=404)


def _product_missing(request):
    return _missing(
        request,
        title="Product not found",
        text="This product does not exist or is no longer for sale.",
    )


def _order_missing(request):
    return _missing(
        request, title="Order not found", text="There is no such order in your account."
    )


def _action_failed(request, exc: ServiceUnavailable | BackendRefused, *, service: str) -> None:
    """Flashes why a POST action did nothing: `service` is down (a warning),
    or refused it (its own sentence). A 401 goes on to `shopper_required`."""
    if isinstance(exc, ServiceUnavailable):
        messages.warning(request, unavailable_notice(service))
        return
    raise_if_signed_out(exc)
    messages.error(request, exc.message)


# --- catalog -------------------------------------------------------------------


@require_safe
def home(request):
    """The catalog: search, category, ordering, pages."""
    filters = CatalogFilterForm(request.GET).filters()
    page_size = settings.STOREFRONT_PAGE_SIZE
    notices = list(filters.notes)
    products, count, categories = [], 0, []
    catalog_down = past_end = False
    try:
        page = catalog_service.catalog_products_list(
            params=filters.catalog_params(page_size=page_size)
        )
    except ServiceUnavailable:
        catalog_down = True
    except BackendRefused as exc:
        past_end = exc.status == 404
        notices.append(
            f"There is no page {filters.page} of this list."
            if past_end
            else f"The catalog could not show this list. {exc.message}"
        )
    else:
        products = [presenters.product_card(product) for product in page.get("results") or []]
        count = page.get("count") or 0
    if not catalog_down:
        # Categories come from the same service: not asked again when it is down.
        try:
            categories = catalog_service.catalog_categories_list()
        except ServiceUnavailable:
            catalog_down = True
        except BackendRefused:
            categories = []
    if catalog_down:
        notices.append(unavailable_notice("catalog"))
    return render(
        request,
        "storefront/home.html",
        {
            "notices": notices,
            "catalog_down": catalog_down,
            "products": products,
            "count": count,
            "filters": filters,
            "categories": categories,
            "category": next((c for c in categories if c.get("slug") == filters.category), None),
            "orderings": ORDERINGS,
            "first_page_url": f"?{filters.query()}" if past_end else None,
            "pagination": presenters.pagination(
                count=count,
                page=filters.page,
                page_size=page_size,
                url_of=lambda number: f"?{filters.query(page=number)}",
            ),
        },
    )


@require_safe
def product(request, product_id):
    """One product with its add-to-cart form."""
    try:
        item = catalog_service.catalog_product_get(product_id=str(product_id))
    except BackendRefused:
        return _product_missing(request)
    except ServiceUnavailable:
        return render(
            request,
            "storefront/product.html",
            {"product": None, "notices": [unavailable_notice("catalog")]},
        )
    detail = presenters.product_detail(item)
    return render(
        request,
        "storefront/product.html",
        {"product": detail, "form": QuantityForm(quantity_max=detail["quantity_max"])},
    )


# --- cart ----------------------------------------------------------------------


@require_POST
@shopper_required(back="storefront:product")
def cart_add(request, product_id):
    """Adds to the cart, then shows the cart; a refusal (stock, unknown
    product, bad quantity) goes back to the product with the reason."""
    back = redirect("storefront:product", product_id=product_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors_text())
        return back
    quantity = form.cleaned_data["quantity"]
    try:
        cart = cart_service.cart_item_add(
            token=request.shopper.access_token, product_id=str(product_id), quantity=quantity
        )
    except (ServiceUnavailable, BackendRefused) as exc:
        _action_failed(request, exc, service="cart")
        return back
    name = presenters.cart_line_name(cart, str(product_id))
    messages.success(request, f"{name} (quantity {quantity}) was added to your cart.")
    return redirect("storefront:cart")


@require_safe
@shopper_required
def cart(request):
    """The cart's lines, quantities and totals."""
    try:
        data = cart_service.cart_get(token=request.shopper.access_token)
    except ServiceUnavailable:
        return render(
            request,
            "storefront/cart.html",
            {"cart": None, "notices": [unavailable_notice("cart")]},
        )
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        return render(request, "storefront/cart.html", {"cart": None, "notices": exc.messages})
    summary = presenters.cart_summary(data)
    for line in summary["lines"]:
        line["form"] = CartLineForm(
            initial={"product_id": line["product_id"], "quantity": line["quantity"]},
            auto_id=f"line-{line['product_id']}-%s",
        )
    return render(request, "storefront/cart.html", {"cart": summary})


@require_POST
@shopper_required(back="storefront:cart")
def cart_update(request):
    """Sets a line's quantity (0 takes it out). The current quantity is read
    from the cart, not from the form, so a stale page cannot miscount."""
    form = CartLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors_text())
        return redirect("storefront:cart")
    token = request.shopper.access_token
    product_id = str(form.cleaned_data["product_id"])
    quantity = form.cleaned_data["quantity"]
    try:
        current = presenters.cart_line_quantity(cart_service.cart_get(token=token), product_id)
        if current is None:
            messages.error(request, "That product is no longer in your cart.")
            return redirect("storefront:cart")
        cart_service.cart_item_quantity_set(
            token=token, product_id=product_id, quantity=quantity, current=current
        )
    except (ServiceUnavailable, BackendRefused) as exc:
        _action_failed(request, exc, service="cart")
    else:
        messages.success(
            request, "The line was removed." if quantity == 0 else "Your cart was updated."
        )
    return redirect("storefront:cart")


@require_POST
@shopper_required(back="storefront:cart")
def cart_remove(request):
    """Takes a whole line out of the cart."""
    form = CartRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That product is not in your cart.")
        return redirect("storefront:cart")
    try:
        cart_service.cart_item_remove(
            token=request.shopper.access_token, product_id=str(form.cleaned_data["product_id"])
        )
    except (ServiceUnavailable, BackendRefused) as exc:
        _action_failed(request, exc, service="cart")
    else:
        messages.success(request, "The line was removed.")
    return redirect("storefront:cart")


# --- checkout ------------------------------------------------------------------


def _addresses_load(*, token: str, notices: list[str]) -> list[dict]:
    """The saved addresses, or none when the address book cannot be read
    (the typed address still works)."""
    try:
        return order_service.addresses_list(token=token)
    except ServiceUnavailable:
        notices.append(unavailable_notice("order"))
    except BackendRefused as exc:
        raise_if_signed_out(exc)
    return []


def _cart_load(*, token: str, notices: list[str]) -> dict | None:
    try:
        return cart_service.cart_get(token=token)
    except ServiceUnavailable:
        notices.append(unavailable_notice("cart"))
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        notices += exc.messages
    return None


def _order_place(*, token: str, form: CheckoutForm, addresses: list[dict]) -> dict:
    """Creates the order from the cart, shipped to the chosen saved address,
    or to the typed one (saved first when asked: then ordered by its id; an
    identical saved address is reused, not saved twice)."""
    key = form.cleaned_data["idempotency_key"]
    if not form.new_address:
        return order_service.order_create(
            token=token, address_id=form.cleaned_data["address_choice"], idempotency_key=key
        )
    typed = form.typed_address()
    if form.cleaned_data["save_address"]:
        saved = presenters.address_matching(addresses, typed) or order_service.address_create(
            token=token, address=typed
        )
        return order_service.order_create(token=token, address_id=saved["id"], idempotency_key=key)
    return order_service.order_create(token=token, shipping_address=typed, idempotency_key=key)


@require_http_methods(["GET", "HEAD", "POST"])
@shopper_required
def checkout(request):
    """GET: the cart's summary and the address form. POST: creates the order
    (one per idempotency key) and goes on to its payment form."""
    token = request.shopper.access_token
    notices: list[str] = []
    addresses = _addresses_load(token=token, notices=notices)
    if request.method == "POST":
        form = CheckoutForm(request.POST, addresses=addresses)
        if form.is_valid():
            try:
                order = _order_place(token=token, form=form, addresses=addresses)
            except ServiceUnavailable:
                notices.append(unavailable_notice("order"))
            except BackendRefused as exc:
                raise_if_signed_out(exc)
                cart = _cart_load(token=token, notices=notices)
                conflict = presenters.stock_conflict_message(
                    exc.body,
                    names={
                        line["product_id"]: line["name"] for line in (cart or {}).get("items", [])
                    },
                )
                if conflict:
                    form.add_error(None, conflict)
                else:
                    form.refusal_show(
                        exc, nested_in="shipping_address" if form.new_address else None
                    )
                return _checkout_page(request, form=form, cart=cart, notices=notices)
            else:
                messages.success(request, "Your order is placed. Pay for it to complete it.")
                return redirect("storefront:order_pay", order_id=order["id"])
    else:
        form = CheckoutForm(addresses=addresses)
    cart = _cart_load(token=token, notices=notices)
    if request.method == "GET" and cart is not None and not cart.get("items"):
        messages.info(request, "Your cart is empty: add something to it first.")
        return redirect("storefront:cart")
    return _checkout_page(request, form=form, cart=cart, notices=notices)


def _checkout_page(request, *, form: CheckoutForm, cart: dict | None, notices: list[str]):
    return render(
        request,
        "storefront/checkout.html",
        {
            "form": form,
            "cart": presenters.cart_summary(cart) if cart is not None else None,
            "notices": list(dict.fromkeys(notices)),
        },
    )


# --- payment -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("card_number", "cvc")
@shopper_required
def order_pay(request, order_id):
    """The card form of an order awaiting payment. A succeeded payment goes to
    the order with "Payment received"; a declined one to the order with the
    decline explained; a refused card stays on the form with the reason."""
    token = request.shopper.access_token
    notices: list[str] = []
    form = CardForm(request.POST) if request.method == "POST" else CardForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = payment_service.payment_pay(
                token=token,
                order_id=str(order_id),
                card_number=data["card_number"],
                exp_month=data["exp_month"],
                exp_year=data["exp_year"],
                cvc=data["cvc"],
                idempotency_key=data["idempotency_key"],
            )
        except ServiceUnavailable:
            notices.append(unavailable_notice("payment"))
        except BackendRefused as exc:
            raise_if_signed_out(exc)
            if exc.status == 404:
                return _order_missing(request)
            if exc.status == 409:
                messages.error(request, exc.message)
                return redirect("storefront:order", order_id=order_id)
            form.refusal_show(exc)
        else:
            if payment.get("status") == "succeeded":
                messages.success(request, "Payment received. Thank you for your order!")
            else:
                messages.error(request, presenters.DECLINED_MESSAGE)
            return redirect("storefront:order", order_id=order_id)
    try:
        order = order_service.order_get(token=token, order_id=str(order_id))
    except ServiceUnavailable:
        notices.append(unavailable_notice("order"))
        order = None
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        return _order_missing(request)
    if order is not None and order.get("status") not in presenters.STATUSES_PAYABLE:
        messages.info(request, "This order is not awaiting payment.")
        return redirect("storefront:order", order_id=order_id)
    return render(
        request,
        "storefront/pay.html",
        {
            "order": presenters.order_detail(order) if order else None,
            "order_id": order_id,
            "form": form,
            "notices": notices,
        },
    )


# --- orders --------------------------------------------------------------------


@require_safe
@shopper_required
def orders(request):
    """The shopper's orders, newest first, a page at a time."""
    page_form = PageForm(request.GET)
    page = page_form.page_number()
    page_size = settings.ORDERS_PAGE_SIZE
    notices = page_form.page_notes()
    rows, count = [], 0
    past_end = unavailable = False
    try:
        data = order_service.order_list(
            token=request.shopper.access_token, page=page, page_size=page_size
        )
    except ServiceUnavailable:
        unavailable = True
        notices.append(unavailable_notice("order"))
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        past_end = exc.status == 404
        unavailable = not past_end
        notices.append(f"There is no page {page} of your orders." if past_end else exc.message)
    else:
        rows = [presenters.order_row(order) for order in data.get("results") or []]
        count = data.get("count") or 0
    return render(
        request,
        "storefront/orders.html",
        {
            "orders": rows,
            "count": count,
            "notices": notices,
            "past_end": past_end,
            "unavailable": unavailable,
            "pagination": presenters.pagination(
                count=count, page=page, page_size=page_size, url_of=lambda n: f"?page={n}"
            ),
        },
    )


@require_safe
@shopper_required
def order(request, order_id):
    """One order: lines, total, address, history, and Pay / Cancel while allowed."""
    try:
        data = order_service.order_get(token=request.shopper.access_token, order_id=str(order_id))
    except ServiceUnavailable:
        return render(
            request,
            "storefront/order.html",
            {"order": None, "notices": [unavailable_notice("order")]},
        )
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        return _order_missing(request)
    return render(request, "storefront/order.html", {"order": presenters.order_detail(data)})


@require_POST
@shopper_required(back="storefront:order")
def order_cancel(request, order_id):
    """Cancels an unpaid (or declined) order; its stock goes back."""
    try:
        order_service.order_cancel(token=request.shopper.access_token, order_id=str(order_id))
    except ServiceUnavailable as exc:
        _action_failed(request, exc, service="order")
    except BackendRefused as exc:
        if exc.status == 404:
            return _order_missing(request)
        _action_failed(request, exc, service="order")
    else:
        messages.success(request, "Your order was cancelled and its items were put back in stock.")
    return redirect("storefront:order", order_id=order_id)
