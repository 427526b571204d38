package io.gemhost.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: the gem host API lives under /api (ApiGuard filters it first). */
@ApplicationPath("/api")
public class GemhostApi extends Application {
}
