"""Protected plan files: what is sealed with a passphrase comes back whole with it and only with
it; any change to the file fails as a wrong passphrase would; a hostile envelope is refused,
saying why, before any key is derived. Each key takes Argon2id's full cost (the reader accepts
no cheaper one), so the examples are few."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.passphrase import passphrase_problem
from planner.planfile import sealed
from planner.planfile.format import MAX_FILE_BYTES, PlanFileError, parse_plan_file
from planner.planfile.sealed import (
    FORMAT,
    LEAST_COST,
    MAX_SEALED_BYTES,
    MOST_COST,
    WRITTEN_COST,
    KdfCost,
    SealedFileError,
    WrongFilePassphrase,
    check_sealed,
    is_sealed,
    seal,
    unseal,
)
from tests.domain.planfile.test_plan_file import KNOWN, minimal
from tests.domain.planfile.test_plan_file_limits import with_expenses

PASSPHRASE = "a walk along the Han river"
WRONG = "The passphrase is wrong, or the file was changed after it was written."


@pytest.fixture(scope="module")
def sealed_file() -> bytes:
    return seal(json.dumps(minimal(), ensure_ascii=False).encode(), PASSPHRASE)


def envelope_of(data: bytes) -> dict[str, Any]:
    envelope = json.loads(data)
    assert isinstance(envelope, dict)
    return envelope


def written(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode()


def flipped(text: str, at: int = 0) -> str:
    """`text`, base64, with one bit of its decoded byte `at` turned over."""
    data = bytearray(base64.b64decode(text))
    data[at] ^= 0x01
    return base64.b64encode(bytes(data)).decode()


# --- round trips -----------------------------------------------------------------------------
def test_a_plan_with_hangul_comes_back_whole_and_reads_as_a_plan(sealed_file: bytes) -> None:
    plan = minimal()
    plan["plan"]["name"] = "무릎 치료, 3월"
    data = json.dumps(plan, ensure_ascii=False).encode()
    protected = seal(data, "무릎 수술 비밀번호입니다")
    assert "무릎".encode() not in protected and b"Knee" not in protected
    assert unseal(protected, "무릎 수술 비밀번호입니다") == data
    assert parse_plan_file(unseal(protected, "무릎 수술 비밀번호입니다"), KNOWN).name == "무릎 치료, 3월"


def test_the_envelope_says_what_it_is_and_how_it_was_sealed(sealed_file: bytes) -> None:
    envelope = envelope_of(sealed_file)
    assert list(envelope) == ["format", "version", "kdf", "cipher", "ciphertext"]
    assert envelope["format"] == FORMAT == "patient-journey-planner-protected-plan"
    assert envelope["version"] == 1
    kdf, cipher = envelope["kdf"], envelope["cipher"]
    assert (kdf["name"], kdf["iterations"], kdf["memory_kib"], kdf["lanes"]) == ("argon2id", 3, 65_536, 4)
    assert len(base64.b64decode(kdf["salt"])) == 16
    assert cipher["name"] == "AES-256-GCM" and len(base64.b64decode(cipher["nonce"])) == 12
    assert b'"plan"' not in sealed_file and b"Knee, March" not in sealed_file
    assert is_sealed(sealed_file)


def test_each_seal_has_its_own_salt_and_nonce() -> None:
    one, two = (envelope_of(seal(b"{}", PASSPHRASE)) for _ in range(2))
    assert one["kdf"]["salt"] != two["kdf"]["salt"]
    assert one["cipher"]["nonce"] != two["cipher"]["nonce"]
    assert one["ciphertext"] != two["ciphertext"]


def test_a_large_plan_comes_back_and_reads_as_a_plan() -> None:
    data = with_expenses(5_000, 6)
    back = unseal(seal(data, PASSPHRASE), PASSPHRASE)
    assert back == data
    assert len(parse_plan_file(back, KNOWN).expenses) == 5_000


def test_the_largest_plan_file_the_reader_takes_is_sealed_and_read_back() -> None:
    """Whatever the writer writes, the reader accepts: the largest plan file too."""
    data = b"x" * MAX_FILE_BYTES
    protected = seal(data, PASSPHRASE)
    assert len(protected) <= MAX_SEALED_BYTES
    assert unseal(protected, PASSPHRASE) == data
    with pytest.raises(ValueError, match="larger than 64 MB"):
        seal(data + b"x", PASSPHRASE)


def test_what_the_writer_writes_lies_within_what_the_reader_reads() -> None:
    for name in ("iterations", "memory_kib", "lanes"):
        assert getattr(LEAST_COST, name) <= getattr(WRITTEN_COST, name) <= getattr(MOST_COST, name)
    rfc_9106_second_option = KdfCost(iterations=3, memory_kib=64 * 1024, lanes=4)
    assert rfc_9106_second_option == WRITTEN_COST


def test_the_passphrase_is_read_composed() -> None:
    composed = "비밀번호는 무릎"
    protected = seal(b"{}", unicodedata.normalize("NFD", composed))
    assert unseal(protected, composed) == b"{}"


@pytest.mark.parametrize("passphrase", ["short", "", "two\nlines of it"])
def test_a_passphrase_the_rule_refuses_seals_nothing(passphrase: str) -> None:
    with pytest.raises(ValueError, match="passphrase") as refused:
        seal(b"{}", passphrase)
    assert str(refused.value) == passphrase_problem(passphrase)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=2_000),
    passphrase=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=8, max_size=40
    ).filter(lambda text: passphrase_problem(text) is None),
)
def test_any_data_comes_back_with_its_passphrase_and_not_with_another(data: bytes, passphrase: str) -> None:
    protected = seal(data, passphrase)
    assert is_sealed(protected)
    assert unseal(protected, passphrase) == data
    with pytest.raises(WrongFilePassphrase):
        unseal(protected, passphrase + "!")


# --- wrong passphrases and changed files ---------------------------------------------------------
@pytest.mark.parametrize(
    "passphrase",
    [
        "a walk along the Han River",  # one letter's case
        "a walk along the Han river ",  # a space more
        "short",  # one `seal` would refuse: wrong at once
        "",
    ],
)
def test_a_wrong_passphrase_says_so_in_plain_words(sealed_file: bytes, passphrase: str) -> None:
    with pytest.raises(WrongFilePassphrase) as wrong:
        unseal(sealed_file, passphrase)
    assert str(wrong.value) == WRONG
    assert isinstance(wrong.value, SealedFileError) and isinstance(wrong.value, PlanFileError)


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "a bit of the ciphertext": lambda e: e.update(ciphertext=flipped(e["ciphertext"], 3)),
    "a bit of the tag": lambda e: e.update(ciphertext=flipped(e["ciphertext"], -1)),
    "a bit of the nonce": lambda e: e["cipher"].update(nonce=flipped(e["cipher"]["nonce"])),
    "a bit of the salt": lambda e: e["kdf"].update(salt=flipped(e["kdf"]["salt"], 15)),
    "the iterations": lambda e: e["kdf"].update(iterations=4),
    "the memory": lambda e: e["kdf"].update(memory_kib=65_537),
    "the lanes": lambda e: e["kdf"].update(lanes=2),
    "the ciphertext cut by a byte": lambda e: e.update(
        ciphertext=base64.b64encode(base64.b64decode(e["ciphertext"])[:-1]).decode()
    ),
    "a byte added to the ciphertext": lambda e: e.update(
        ciphertext=base64.b64encode(base64.b64decode(e["ciphertext"]) + b"\0").decode()
    ),
    # 16 bytes end in a character of "AQgw" whose low bits are zero; the next letter sets one of
    # them: the same salt to a lax decoder, another text to the associated data.
    "the salt's base64 spelled otherwise": lambda e: e["kdf"].update(
        salt=e["kdf"]["salt"][:-3] + chr(ord(e["kdf"]["salt"][-3]) + 1) + "=="
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_to_the_file_fails_as_a_wrong_passphrase(sealed_file: bytes, change: str) -> None:
    envelope = envelope_of(sealed_file)
    CHANGES[change](envelope)
    changed = written(envelope)
    assert changed != written(envelope_of(sealed_file))
    with pytest.raises(WrongFilePassphrase, match=WRONG):
        unseal(changed, PASSPHRASE)


def test_the_file_reformatted_still_opens(sealed_file: bytes) -> None:
    """Spaces and the order of the fields are not part of what is sealed; their values are."""
    envelope = envelope_of(sealed_file)
    reordered = {key: envelope[key] for key in reversed(list(envelope))}
    assert unseal(json.dumps(reordered, indent=8).encode(), PASSPHRASE) == json.dumps(minimal()).encode()


# --- hostile envelopes -----------------------------------------------------------------------------
def good_envelope() -> dict[str, Any]:
    """A well-formed envelope whose ciphertext opens with no passphrase (it is never reached)."""
    return {
        "format": FORMAT,
        "version": 1,
        "kdf": {
            "name": "argon2id",
            "salt": "A" * 22 + "==",
            "iterations": 3,
            "memory_kib": 65_536,
            "lanes": 4,
        },
        "cipher": {"name": "AES-256-GCM", "nonce": "A" * 16},
        "ciphertext": "A" * 44,
    }


def hostile(change: Callable[[dict[str, Any]], object]) -> bytes:
    envelope = good_envelope()
    change(envelope)
    return written(envelope)


HOSTILE: dict[str, tuple[bytes, str]] = {
    "a newer version": (hostile(lambda e: e.update(version=2)), "newer version of this app"),
    "version 0": (hostile(lambda e: e.update(version=0)), "version, 0, is not one this app knows"),
    "a version as text": (hostile(lambda e: e.update(version="1")), "not a protected plan file"),
    "another format": (hostile(lambda e: e.update(format="patient-journey-planner/plan")), "not a protected"),
    "another key function": (hostile(lambda e: e["kdf"].update(name="scrypt")), "not made with argon2id"),
    "another cipher": (
        hostile(lambda e: e["cipher"].update(name="AES-128-CBC")),
        "not encrypted with AES-256-GCM",
    ),
    "2 GiB of memory": (
        hostile(lambda e: e["kdf"].update(memory_kib=2 * 1024 * 1024)),
        "asks for 2,097,152 KiB of memory; this app allows 65,536 to 262,144",
    ),
    "8 MiB of memory": (hostile(lambda e: e["kdf"].update(memory_kib=8 * 1024)), "asks for 8,192 KiB"),
    "a billion passes": (hostile(lambda e: e["kdf"].update(iterations=10**9)), "1,000,000,000 passes"),
    "one pass": (hostile(lambda e: e["kdf"].update(iterations=1)), "1 passes; this app allows 3 to 6"),
    "no lanes": (hostile(lambda e: e["kdf"].update(lanes=0)), "0 lanes; this app allows 1 to 8"),
    "a thousand lanes": (hostile(lambda e: e["kdf"].update(lanes=1_000)), "1,000 lanes"),
    "a memory past 64 bits": (
        hostile(lambda e: e["kdf"].update(memory_kib=2**70)),
        "an absurd number of KiB",
    ),
    "a memory of 100,000 digits": (
        written(good_envelope()).replace(b'"memory_kib": 65536', b'"memory_kib": ' + b"9" * 100_000),
        "The file is damaged: Integer value out of range - at `$.kdf.memory_kib`",
    ),
    "a negative memory": (hostile(lambda e: e["kdf"].update(memory_kib=-1)), "asks for -1 KiB"),
    "memory as a float": (hostile(lambda e: e["kdf"].update(memory_kib=65536.0)), "The file is damaged"),
    "lanes as true": (hostile(lambda e: e["kdf"].update(lanes=True)), "The file is damaged"),
    "salt not base64": (hostile(lambda e: e["kdf"].update(salt="not base64!!")), "salt is not base64 text"),
    "salt not ASCII": (hostile(lambda e: e["kdf"].update(salt="솔트" * 8)), "salt is not base64 text"),
    "salt unpadded": (hostile(lambda e: e["kdf"].update(salt="A" * 22)), "salt is not base64 text"),
    "a short salt": (hostile(lambda e: e["kdf"].update(salt="A" * 20 + "==")), "salt has 15 bytes, not 16"),
    "a long nonce": (hostile(lambda e: e["cipher"].update(nonce="A" * 24)), "nonce has 18 bytes, not 12"),
    "an empty ciphertext": (hostile(lambda e: e.update(ciphertext="")), "cut short"),
    "ciphertext not base64": (hostile(lambda e: e.update(ciphertext="%%%%")), "ciphertext is not base64"),
    "no ciphertext": (hostile(lambda e: e.pop("ciphertext")), "missing required field `ciphertext`"),
    "no salt": (hostile(lambda e: e["kdf"].pop("salt")), "missing required field `salt`"),
    "a field more": (hostile(lambda e: e["kdf"].update(pepper="x")), "unknown field `pepper`"),
    "kdf a list": (hostile(lambda e: e.update(kdf=[1, 2, 3])), "Expected `object`, got `array`"),
    "cipher null": (hostile(lambda e: e.update(cipher=None)), "The file is damaged"),
    "a list": (b"[1, 2, 3]", "not a protected plan file"),
    "a string": (b'"patient-journey-planner-protected-plan"', "not a protected plan file"),
    "not JSON": (b"\x89PNG\r\n\x1a\n", "not a protected plan file, or it is damaged"),
    "empty": (b"", "not a protected plan file"),
    "cut short": (written(good_envelope())[:60], "not a protected plan file, or it is damaged"),
    "deeply nested": (b'{"format": ' + b"[" * 100_000, "not a protected plan file, or it is damaged"),
    "too large": (b" " * (MAX_SEALED_BYTES + 1), "larger than 85 MB"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_envelope_is_refused_saying_why_before_any_key_is_made(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_key(*_args: object) -> bytes:
        raise AssertionError("a key was derived for a file that should have been refused first")

    monkeypatch.setattr(sealed, "_key", no_key)
    data, says = HOSTILE[name]
    with pytest.raises(SealedFileError) as refused:
        unseal(data, PASSPHRASE)
    assert not isinstance(refused.value, WrongFilePassphrase)
    assert says in str(refused.value)
    assert str(refused.value).startswith("The file")
    with pytest.raises(SealedFileError, match=re.escape(str(refused.value))):
        check_sealed(data)  # the same, without a passphrase


def test_the_good_envelope_the_hostile_ones_change_does_reach_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    derived: list[KdfCost] = []

    def key(_passphrase: str, _salt: bytes, cost: KdfCost) -> bytes:
        derived.append(cost)
        return b"k" * 32

    monkeypatch.setattr(sealed, "_key", key)
    with pytest.raises(WrongFilePassphrase):
        unseal(written(good_envelope()), PASSPHRASE)
    assert derived == [WRITTEN_COST]
    check_sealed(written(good_envelope()))  # well formed: nothing to say before the passphrase
    assert derived == [WRITTEN_COST]


# --- telling a protected file from a plain one -------------------------------------------------------
def test_a_plain_plan_file_is_not_sealed_and_a_damaged_sealed_one_still_is() -> None:
    assert not is_sealed(json.dumps(minimal()).encode())
    named_like_it = minimal()
    named_like_it["plan"]["name"] = FORMAT
    assert not is_sealed(json.dumps(named_like_it).encode())
    assert is_sealed(hostile(lambda e: e.update(version=7)))
    assert is_sealed(hostile(lambda e: e.pop("ciphertext")))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.from_regex(rb'\A\{"format": ?.{0,60}\Z')))
def test_telling_never_fails_on_any_bytes(data: bytes) -> None:
    assert is_sealed(data) in (True, False)
