-- A wrk script for the benchmark's cases 1, 2 and 4: one machine-readable line at the end with throughput,
-- latency percentiles and error counts (wrk's own report is printed above it).
--   wrk -t2 -c32 -d30s -s bench/latency.lua [-H "Authorization: KEY"] URL
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f throughput=%.1f/s p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f" ..
    " errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
