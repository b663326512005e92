gem "opentelemetry-sdk"
gem "internal_metrics", path: "../vendor/gems/internal_metrics"
