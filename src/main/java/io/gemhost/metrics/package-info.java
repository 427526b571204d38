/**
 * What a load balancer and Prometheus read: /health/live and /health/ready (status only, public)
 * and /metrics (Micrometer's Prometheus registry; loopback or GEMHOST_METRICS_TOKEN). Counters are
 * moved by events the features already announce; this package never decides anything for them
 * and never says more on a health answer than each check's name and status (docs/SECURITY.md).
 */
package io.gemhost.metrics;
