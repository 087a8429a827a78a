"""Schemathesis hooks: every request is signed with the credential in FUZZ_AK / FUZZ_SK."""

import os
import sys

import schemathesis

sys.path.insert(0, os.path.dirname(__file__))
from signer import Signer  # noqa: E402

SIGNER = Signer(os.environ["FUZZ_AK"], os.environ["FUZZ_SK"])


@schemathesis.hook
def before_call(context, case, kwargs):
    kwargs["auth"] = SIGNER
