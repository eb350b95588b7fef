"""A catalogue: a vocabulary and the schemes that speak it, by key.

Documents name schemes, shared exclusions and dated parameters from a
catalogue; the built-in UK one is the default. It lives here, with what
people hold, rather than beside the file formats, so that loading a built
catalogue (from the cache of `indemnity.uk`) needs only the classes it is
made of.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

import attrs

from indemnity import _defaults
from indemnity._validate import check_str, find_name
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.parameter import Parameter
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.scheme import Scheme

__all__ = ["Catalogue", "default_catalogue"]

T = TypeVar("T")


def _frozen(
    value: object, field: str, kind: type[T], noun: str, key_attribute: str | None
) -> Mapping[str, T]:
    """`value` as a read-only mapping of names to `kind`, each checked against its name.

    With `key_attribute`, each item's own name (``scheme.key``) must be the
    name it is filed under; without, each name must be a string.
    """
    if not isinstance(value, Mapping):
        names = "keys" if key_attribute == "key" else "names"
        raise InvalidFieldError(f"Catalogue.{field}", f"a mapping of {names} to {field}", value)
    for key, item in value.items():
        if key_attribute is None:
            if isinstance(key, str) and isinstance(item, kind):
                continue
            expected = f"an {noun} named by a string"
        elif isinstance(item, kind) and getattr(item, key_attribute) == key:
            continue
        else:
            expected = f"the {noun} whose {key_attribute} is {key!r}"
        raise InvalidFieldError(f"Catalogue.{field}[{key!r}]", expected, item)
    return MappingProxyType(dict(value))


def _frozen_schemes(value: object) -> Mapping[str, Scheme]:
    return _frozen(value, "schemes", Scheme, "scheme", "key")


def _frozen_exclusions(value: object) -> Mapping[str, Exclusion]:
    return _frozen(value, "exclusions", Exclusion, "exclusion", None)


def _frozen_parameters(value: object) -> Mapping[str, Parameter]:
    return _frozen(value, "parameters", Parameter, "parameter", "name")


def _name(value: object) -> str:
    return check_str("Catalogue.name", value)


def _is_vocabulary(instance: object, attribute: attrs.Attribute[Vocabulary], value: object) -> None:
    if not isinstance(value, Vocabulary):
        raise InvalidFieldError("Catalogue.vocabulary", "a Vocabulary", value)


@attrs.frozen(eq=False)
class Catalogue:
    """A vocabulary and the schemes that speak it, by key: what documents name things from.

    Attributes:
        name: A short name for people (``"uk"``).
        vocabulary: The words its schemes speak and the sources they cite.
        schemes: Its schemes, by key, in the order they were declared.
        exclusions: Exclusions its documents share, by name.
        parameters: Amounts and thresholds that change over time, by name.
    """

    name: str = attrs.field(converter=_name)
    vocabulary: Vocabulary = attrs.field(validator=_is_vocabulary)
    schemes: Mapping[str, Scheme] = attrs.field(factory=dict, converter=_frozen_schemes)
    exclusions: Mapping[str, Exclusion] = attrs.field(factory=dict, converter=_frozen_exclusions)
    parameters: Mapping[str, Parameter] = attrs.field(factory=dict, converter=_frozen_parameters)

    @classmethod
    def empty(cls) -> Catalogue:
        """A catalogue with no words and no schemes."""
        return _EMPTY

    def parameter(self, name: str) -> Parameter:
        """The parameter called `name`.

        Raises:
            UnknownNameError: no parameter has that name (the nearest is suggested).
        """
        found = self.parameters.get(name) if isinstance(name, str) else None
        if found is None:
            raise UnknownNameError.for_choices("parameter", name, self.parameters)
        return found

    def scheme(self, key: str) -> Scheme:
        """The scheme with `key` (case and spacing forgiven).

        Raises:
            UnknownNameError: no scheme has that key (the nearest is suggested).
        """
        found = find_name(self.schemes, key)
        if found is None:
            raise UnknownNameError.for_choices("scheme", key, self.schemes)
        return found

    def __repr__(self) -> str:
        return f"<Catalogue {self.name!r}: {len(self.schemes)} schemes, {self.vocabulary!r}>"


_EMPTY = Catalogue("empty", Vocabulary("empty"))


def default_catalogue() -> Catalogue:
    """The catalogue documents name things from when no other is given (the built-in UK one)."""
    found = _defaults.default("catalogue")
    if found is None:
        return _EMPTY
    if not isinstance(found, Catalogue):  # pragma: no cover - the facade provides one
        raise InvalidFieldError("default catalogue", "a Catalogue", found)
    return found
