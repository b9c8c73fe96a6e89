-- Usage evidence, one row per request plus its diagnostics children (docs/usage-and-reports.md).
-- Relational scalars only: no JSON columns, arrays or blobs, so that retention and reports stay plain SQL.
-- Money is NUMERIC(20,10): ten decimals, as computed by common-model Cost.

CREATE TABLE requests (
    request_id                   TEXT           NOT NULL,
    ts                           TIMESTAMPTZ    NOT NULL,
    schema_version               INTEGER        NOT NULL,
    source                       TEXT,
    caller_id                    TEXT,
    caller_user                  TEXT,
    caller_project               TEXT,
    caller_environment           TEXT,
    token_id                     TEXT,
    client                       TEXT,
    inbound_dialect              TEXT,
    requested_model              TEXT,
    resolved_group               TEXT,
    strategy                     TEXT,
    target_provider              TEXT,
    target_model_ref             TEXT,
    target_model                 TEXT,
    target_dialect               TEXT,
    stream                       BOOLEAN        NOT NULL,
    status                       INTEGER        NOT NULL,
    error_type                   TEXT,
    error_class                  TEXT,
    attempt_count                INTEGER        NOT NULL,
    fallback_used                BOOLEAN        NOT NULL,
    latency_ms                   BIGINT         NOT NULL,
    ttfb_ms                      BIGINT,
    upstream_duration_ms         BIGINT,
    input_tokens                 BIGINT         NOT NULL,
    output_tokens                BIGINT         NOT NULL,
    total_tokens                 BIGINT         NOT NULL,
    reasoning_tokens             BIGINT         NOT NULL,
    token_source                 TEXT,
    input_price_per_million_usd  NUMERIC(20, 10),
    output_price_per_million_usd NUMERIC(20, 10),
    input_cost_usd               NUMERIC(20, 10),
    output_cost_usd              NUMERIC(20, 10),
    total_cost_usd               NUMERIC(20, 10),
    upstream_reported_cost_usd   NUMERIC(20, 10),
    pricing_source               TEXT,
    policy_version               TEXT,
    router_version               TEXT,
    ingested_at                  TIMESTAMPTZ    NOT NULL DEFAULT now(),
    CONSTRAINT requests_pk PRIMARY KEY (request_id)
);

CREATE INDEX requests_caller_ts_idx ON requests (caller_id, ts);
CREATE INDEX requests_group_ts_idx ON requests (resolved_group, ts);
CREATE INDEX requests_ts_idx ON requests (ts);

-- Children cascade with their request so that a retention job deletes one row and its evidence together.
CREATE TABLE request_attempts (
    request_id         TEXT        NOT NULL REFERENCES requests (request_id) ON DELETE CASCADE,
    attempt_index      INTEGER     NOT NULL,
    ts                 TIMESTAMPTZ,
    provider           TEXT,
    model_ref          TEXT,
    model              TEXT,
    dialect            TEXT,
    endpoint_host      TEXT,
    duration_ms        BIGINT      NOT NULL,
    status_code        INTEGER,
    error_class        TEXT,
    error_message      TEXT,
    retryable          BOOLEAN     NOT NULL,
    timed_out          BOOLEAN     NOT NULL,
    client_canceled    BOOLEAN     NOT NULL,
    selected           BOOLEAN     NOT NULL,
    fallback_reason    TEXT,
    attempt_timeout_ms BIGINT,
    retry_after_ms     BIGINT,
    CONSTRAINT request_attempts_pk PRIMARY KEY (request_id, attempt_index)
);

CREATE TABLE request_upstream_shape_events (
    request_id     TEXT        NOT NULL REFERENCES requests (request_id) ON DELETE CASCADE,
    seq            INTEGER     NOT NULL,
    ts             TIMESTAMPTZ,
    scope          TEXT,
    provider       TEXT,
    model_ref      TEXT,
    model          TEXT,
    dialect        TEXT,
    bucket         TEXT,
    decision       TEXT,
    retry_after_ms BIGINT,
    backoff_reason TEXT,
    CONSTRAINT request_upstream_shape_events_pk PRIMARY KEY (request_id, seq)
);

CREATE TABLE request_errors (
    request_id    TEXT        NOT NULL REFERENCES requests (request_id) ON DELETE CASCADE,
    ts            TIMESTAMPTZ NOT NULL,
    status        INTEGER     NOT NULL,
    error_type    TEXT,
    error_class   TEXT,
    error_message TEXT,
    retryable     BOOLEAN     NOT NULL,
    attempts      INTEGER     NOT NULL,
    provider      TEXT,
    model         TEXT,
    dialect       TEXT,
    CONSTRAINT request_errors_pk PRIMARY KEY (request_id)
);
