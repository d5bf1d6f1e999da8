"""Wire models for staff sign-in and passwords (the portal's reset flow too)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from closeddoor.api.schemas.common import Strict


class TokenRequest(Strict):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    totp: str | None = Field(default=None, max_length=12)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in_idle_seconds: int


class PasswordChangeIn(Strict):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordResetIn(BaseModel):
    """"Forgot password": the answer is the same whether or not the user name exists."""

    model_config = ConfigDict(extra="forbid")
    username: str = Field(max_length=64)


class PasswordResetOut(BaseModel):
    detail: str


class PasswordResetConfirmIn(BaseModel):
    """The token from the e-mailed link travels in the body, never a URL."""

    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=128)
    password: str = Field(max_length=1024)
