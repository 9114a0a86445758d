"""The account pages: register, log in, log out, and /account (profile,
password, saved addresses).

Each view validates its form, calls the auth or order service through
`backends`, and either redirects with a message or re-renders the form with
the service's refusal beside the fields. A service that is down is a notice
on the page (status 200), never an error page; a 401 from a service goes up
to `shopper_required`, which sends the shopper to /login.

A view that signs in or out writes the login cookies itself and sets
`request.login_cookies_written`, so the middleware leaves them alone."""

import contextlib
import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import backends.auth
import backends.orders
from accounts.access import login_url, next_url_safe, raise_if_signed_out, shopper_required
from accounts.cookies import login_cookies_clear, login_cookies_set, token_pair_read
from accounts.forms import AddressForm, LoginForm, PasswordChangeForm, RegisterForm
from backends.errors import BackendRefused
from pages.presenters import moment, outage_notice
from shop_common.errors import ServiceUnavailable

WRONG_CREDENTIALS = "Wrong email or password."
ADDRESS_GONE = "That address no longer exists."


# Helpers -------------------------------------------------------------------


def _account_url(fragment: str = "") -> str:
    return reverse("accounts:account") + (f"#{fragment}" if fragment else "")


def _signed_in(request: HttpRequest, response: HttpResponse, pair: tuple[str, str]) -> None:
    login_cookies_set(request=request, response=response, access=pair[0], refresh=pair[1])
    request.login_cookies_written = True
    # As django.contrib.auth.login does: a CSRF token planted before the
    # login (login CSRF) is worthless after it.
    rotate_token(request)


def _signed_out(request: HttpRequest, response: HttpResponse) -> None:
    login_cookies_clear(response=response)
    request.login_cookies_written = True


def _next_of(request: HttpRequest) -> str:
    return next_url_safe(request, request.POST.get("next") or request.GET.get("next"))


# Register, log in, log out -------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: creates the account at auth, signs in at once and
    goes to `next` (a page of ours) or home, with a welcome message."""
    next_url = _next_of(request)
    if request.method == "GET":
        if request.shopper:
            return redirect(_account_url())
        form = RegisterForm()
    else:
        form = RegisterForm(request.POST)
        if form.is_valid():
            response = _register_and_sign_in(request, form=form, next_url=next_url)
            if response is not None:
                return response
    return render(request, "accounts/register.html", {"form": form, "next_url": next_url})


def _register_and_sign_in(
    request: HttpRequest, *, form: RegisterForm, next_url: str
) -> HttpResponse | None:
    """Returns the redirect after a registration, or None with the refusal on the form."""
    email, password = form.cleaned_data["email"], form.cleaned_data["password"]
    try:
        user = backends.auth.auth_register(email=email, password=password)
    except BackendRefused as exc:
        if exc.status == 409:
            form.add_error("email", exc.messages)  # the email is taken
        else:
            form.refusal_show(exc)
        return None
    except ServiceUnavailable as exc:
        form.add_error(
            None, outage_notice(exc, "Your account was not created; try again in a moment.")
        )
        return None
    if isinstance(user, dict) and isinstance(user.get("email"), str) and user["email"]:
        email = user["email"]  # as auth stored it (trimmed, lower case)
    try:
        pair = token_pair_read(backends.auth.auth_login(email=email, password=password))
    except (BackendRefused, ServiceUnavailable):
        messages.success(request, "Your account is ready. Please log in.")
        return redirect(login_url(next_url=next_url))
    response = redirect(next_url)
    _signed_in(request, response, pair)
    messages.success(request, f"Welcome, {email}! Your account is ready.")
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """GET: the form (a signed-in shopper goes on to `next` or /account).
    POST: signs in at auth, sets the cookies, goes to `next` or home."""
    next_url = _next_of(request)
    notices: list[str] = []
    if request.method == "GET":
        if request.shopper:
            return redirect(next_url if next_url != "/" else _account_url())
        form = LoginForm()
    else:
        form = LoginForm(request.POST)
        if form.is_valid():
            try:
                pair = token_pair_read(
                    backends.auth.auth_login(
                        email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                    )
                )
            except BackendRefused as exc:
                if exc.status == 401:
                    form.add_error(None, WRONG_CREDENTIALS)
                elif exc.status == 429:
                    form.add_error(None, exc.throttled_message)
                else:
                    form.refusal_show(exc)
            except ServiceUnavailable as exc:
                notices.append(
                    outage_notice(exc, "Signing in is not possible right now; try again soon.")
                )
            else:
                response = redirect(next_url)
                _signed_in(request, response, pair)
                return response
    context = {"form": form, "next_url": next_url, "notices": notices}
    return render(request, "accounts/login.html", context)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Revokes the refresh token at auth (whatever auth answers, even when it
    is down) and clears both cookies."""
    refresh = getattr(request, "login_refresh_token", "")
    if refresh:
        # Already revoked (401), or auth is down: the cookies go anyway.
        with contextlib.suppress(BackendRefused, ServiceUnavailable):
            backends.auth.auth_logout(refresh=refresh)
    response = redirect(reverse("storefront:home"))
    _signed_out(request, response)
    messages.info(request, "You have been logged out.")
    return response


# The account page --------------------------------------------------------


def _addresses_usable(addresses) -> list[dict]:
    """The addresses the page can show and link to (a UUID id each)."""
    usable = []
    for address in addresses if isinstance(addresses, list) else []:
        if not isinstance(address, dict):
            continue
        try:
            address_id = uuid.UUID(str(address.get("id")))
        except ValueError:
            continue
        usable.append({**address, "id": str(address_id)})
    return usable


def _account_page(
    request: HttpRequest,
    *,
    password_form: PasswordChangeForm | None = None,
    address_form: AddressForm | None = None,
) -> HttpResponse:
    """Renders /account: the profile from auth, the password form, the saved
    addresses from the order service. Either service down leaves the rest."""
    shopper = request.shopper
    notices: list[str] = []
    profile = {"email": shopper.email, "role": shopper.role, "created_at": None}
    try:
        me = backends.auth.auth_me(token=shopper.access_token)
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        notices.append(exc.message)
    except ServiceUnavailable as exc:
        notices.append(outage_notice(exc, "Your profile is shown as of your last sign-in."))
    else:
        me = me if isinstance(me, dict) else {}
        profile = {
            "email": me.get("email") or shopper.email,
            "role": me.get("role") or shopper.role,
            "created_at": moment(me.get("created_at")),
        }

    addresses: list[dict] = []
    addresses_notice = ""
    try:
        addresses = _addresses_usable(backends.orders.addresses_list(token=shopper.access_token))
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        addresses_notice = exc.message
    except ServiceUnavailable as exc:
        addresses_notice = outage_notice(exc, "Your saved addresses cannot be shown right now.")

    context = {
        "profile": profile,
        "notices": notices,
        "password_form": password_form or PasswordChangeForm(),
        "addresses": addresses,
        "addresses_notice": addresses_notice,
        "address_form": address_form or AddressForm(),
    }
    return render(request, "accounts/account.html", context)


@never_cache
@shopper_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@never_cache
@shopper_required(back="accounts:account")
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """POST: changes the password at auth, which ends every refresh token of
    the user, then signs in again with the new password for fresh cookies."""
    if request.method == "GET":
        return redirect(_account_url("password"))
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        new_password = form.cleaned_data["new_password"]
        try:
            backends.auth.auth_password_change(
                token=request.shopper.access_token,
                old_password=form.cleaned_data["old_password"],
                new_password=new_password,
            )
        except BackendRefused as exc:
            raise_if_signed_out(exc)
            if exc.status == 429:
                form.add_error(None, exc.throttled_message)
            else:
                form.refusal_show(exc)
        except ServiceUnavailable as exc:
            form.add_error(None, outage_notice(exc, "Your password was not changed."))
        else:
            return _signed_in_after_password_change(request, new_password=new_password)
    return _account_page(request, password_form=form)


def _signed_in_after_password_change(request: HttpRequest, *, new_password: str) -> HttpResponse:
    try:
        pair = token_pair_read(
            backends.auth.auth_login(email=request.shopper.email, password=new_password)
        )
    except (BackendRefused, ServiceUnavailable):
        # The old refresh token is revoked: without a new pair the login is over.
        response = redirect(login_url(next_url=_account_url()))
        _signed_out(request, response)
        messages.success(request, "Your password was changed. Please log in with the new one.")
        return response
    response = redirect(_account_url())
    _signed_in(request, response, pair)
    messages.success(request, "Your password was changed. Other devices will have to log in again.")
    return response


# Saved addresses ---------------------------------------------------------


@never_cache
@shopper_required(back="accounts:account")
@require_http_methods(["GET", "POST"])
def address_add(request: HttpRequest) -> HttpResponse:
    """POST: saves a new address in the order service's address book."""
    if request.method == "GET":
        return redirect(_account_url("addresses"))
    form = AddressForm(request.POST)
    if form.is_valid():
        try:
            address = backends.orders.address_create(
                token=request.shopper.access_token, address=form.payload()
            )
        except BackendRefused as exc:
            raise_if_signed_out(exc)
            form.refusal_show(exc)
        except ServiceUnavailable as exc:
            form.add_error(None, outage_notice(exc, "The address was not saved."))
        else:
            name = address.get("name") if isinstance(address, dict) else None
            messages.success(request, f"Saved the address “{name or form.cleaned_data['name']}”.")
            return redirect(_account_url("addresses"))
    return _account_page(request, address_form=form)


def _address_find(request: HttpRequest, address_id: uuid.UUID) -> dict:
    """Returns one of the shopper's saved addresses; Http404 when it is not
    theirs (their book holds at most 20: one page of the list)."""
    for address in _addresses_usable(
        backends.orders.addresses_list(token=request.shopper.access_token)
    ):
        if address["id"] == str(address_id):
            return address
    raise Http404("No such address.")


def _address_change_failed(
    request: HttpRequest, exc: BackendRefused | ServiceUnavailable, *, not_done: str
) -> None:
    """Flashes why a change to a saved address did not happen: the address is
    gone (404), the order service refused it, or the service is down (then
    `not_done` says what was not done). A 401 goes on to `shopper_required`."""
    if isinstance(exc, ServiceUnavailable):
        messages.error(request, outage_notice(exc, not_done))
        return
    raise_if_signed_out(exc)
    messages.error(request, ADDRESS_GONE if exc.status == 404 else exc.message)


@never_cache
@shopper_required(back="accounts:address_edit")
@require_http_methods(["GET", "POST"])
def address_edit(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """GET: the address's form, filled in. POST: saves the changes."""
    notices: list[str] = []
    address: dict | None = None
    try:
        address = _address_find(request, address_id)
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        notices.append(exc.message)
    except ServiceUnavailable as exc:
        notices.append(outage_notice(exc, "Your saved addresses cannot be changed right now."))
    default_fixed = bool(address and address.get("is_default"))

    form: AddressForm | None = None
    if request.method == "GET":
        if address is not None:
            form = AddressForm(
                initial=AddressForm.initial_from(address), default_fixed=default_fixed
            )
    else:
        form = AddressForm(request.POST, default_fixed=default_fixed)
        if address is not None and form.is_valid():
            try:
                saved = backends.orders.address_update(
                    token=request.shopper.access_token,
                    address_id=str(address_id),
                    changes=form.payload(),
                )
            except BackendRefused as exc:
                raise_if_signed_out(exc)
                if exc.status == 404:
                    messages.error(request, ADDRESS_GONE)
                    return redirect(_account_url("addresses"))
                form.refusal_show(exc)
            except ServiceUnavailable as exc:
                form.add_error(None, outage_notice(exc, "Your changes were not saved."))
            else:
                name = saved.get("name") if isinstance(saved, dict) else None
                messages.success(
                    request, f"Saved the address “{name or form.cleaned_data['name']}”."
                )
                return redirect(_account_url("addresses"))
    context = {
        "address_id": address_id,
        "address": address,
        "form": form,
        "notices": notices,
        "default_fixed": default_fixed,
    }
    return render(request, "accounts/address_edit.html", context)


@shopper_required(back="accounts:account")
@require_POST
def address_delete(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """Deletes a saved address (when it was the default, the order service
    makes the newest remaining one the default)."""
    try:
        backends.orders.address_delete(
            token=request.shopper.access_token, address_id=str(address_id)
        )
    except (BackendRefused, ServiceUnavailable) as exc:
        _address_change_failed(request, exc, not_done="The address was not deleted.")
    else:
        messages.success(request, "The address was deleted.")
    return redirect(_account_url("addresses"))


@shopper_required(back="accounts:account")
@require_POST
def address_default(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """Makes a saved address the default (the previous default stops being it)."""
    try:
        address = backends.orders.address_update(
            token=request.shopper.access_token,
            address_id=str(address_id),
            changes={"is_default": True},
        )
    except (BackendRefused, ServiceUnavailable) as exc:
        _address_change_failed(request, exc, not_done="Your default address was not changed.")
    else:
        name = address.get("name") if isinstance(address, dict) else None
        messages.success(
            request,
            f"“{name}” is now your default address." if name else "Default address changed.",
        )
    return redirect(_account_url("addresses"))
