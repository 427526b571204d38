package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Broken gems and malformed headers get a 4xx with a reason, and leave nothing behind. */
@ExtendWith(Gemhost.class)
class ApiBadInputIT {

    @Test
    void brokenGemsAreRefusedWithAReasonAndLeaveNothing() throws Exception {
        Users.User user = Users.signUp(new Browser());
        String key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES).body();
        byte[] good = TestGems.gem("badinput", "1.0.0", "ruby", false);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("truncated", Arrays.copyOf(good, good.length / 2 + 100));
        bad.put("empty", new byte[0]);
        bad.put("random", "this is not a gem at all".repeat(40).getBytes(StandardCharsets.UTF_8));
        bad.put("no metadata.gz", new TestGems.Tar().file("data.tar.gz", TestGems.gzip("x")).bytes());
        bad.put("gzip bomb", TestGems.gemWithMetadata(TestGems.gzipZeros(200 << 20)));
        bad.put("other ruby tag", TestGems.gem(TestGems.spec("badinput", "1.0.0", "ruby", "metadata: {}\n")
                .replace("--- !ruby/object:Gem::Specification", "--- !ruby/object:Gem::Installer")));
        StringBuilder bomb = new StringBuilder("--- !ruby/object:Gem::Specification\nname: badinput\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        bad.put("alias bomb", TestGems.gem(bomb.toString()));
        bad.put("too large", new byte[(1 << 20) + 1000]);
        int refused = 0;
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            HttpResponse<String> r = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), e.getValue());
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, e.getKey() + ": " + r.statusCode() + " " + r.body());
            assertTrue(r.body().startsWith("Invalid gem: ") || r.body().equals("Gem is larger than 1 MB."), e.getKey() + ": " + r.body());
            assertFalse(r.body().contains("Exception"), r.body());
            refused++;
        }
        assertEquals(413, Api.send("POST", "/api/v1/gems", Map.of("Authorization", key), new byte[(1 << 20) + 1]).statusCode());
        System.out.println("ApiBadInputIT: " + refused + " broken gems refused");

        Path gems = Gemhost.server().dataDir.resolve("gems");
        if (Files.exists(gems)) {
            try (Stream<Path> files = Files.list(gems)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("badinput")), "no file left behind");
            }
        }
        try (Connection db = Gemhost.server().db(); var s = db.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM rubygem WHERE name_key = 'badinput'");
            rs.next();
            assertEquals(0, rs.getInt(1), "no row left behind");
        }
        HttpResponse<String> ok = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), good);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("Successfully registered gem: badinput (1.0.0)", ok.body());
        assertTrue(Files.exists(gems.resolve("badinput-1.0.0.gem")));
        HttpResponse<String> again = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), good);
        assertEquals(409, again.statusCode());
        assertEquals("Repushing of gem versions is not allowed.", again.body());
        Users.User stranger = Users.signUp(new Browser());
        String strangerKey = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(stranger.email(), stranger.password()), null), Api.ALL_SCOPES).body();
        HttpResponse<String> notOwner = Api.send("POST", "/api/v1/gems", Map.of("Authorization", strangerKey, "Content-Type", "application/octet-stream"),
                TestGems.gem("badinput", "2.0.0", "ruby", false));
        assertEquals(403, notOwner.statusCode());
        assertEquals("You do not have permission to push to this gem.", notOwner.body());
        HttpResponse<String> notOwnerAdd = Api.form("POST", "/api/v1/gems/badinput/owners", Api.headers(strangerKey, null), Map.of("email", stranger.email()));
        assertEquals(403, notOwnerAdd.statusCode());
        assertEquals("You do not have permission to manage owners of this gem.", notOwnerAdd.body());
        HttpResponse<String> last = Api.form("DELETE", "/api/v1/gems/badinput/owners", Api.headers(key, null), Map.of("email", user.email()));
        assertEquals(403, last.statusCode(), "the last owner stays");
        HttpResponse<String> unknownVersion = Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", "badinput", "version", "7.7.7"));
        assertEquals(404, unknownVersion.statusCode());
        assertEquals("This rubygem could not be found.", unknownVersion.body());
        HttpResponse<String> yank = Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", "badinput", "version", "1.0.0"));
        assertEquals("Successfully deleted gem: badinput (1.0.0)", yank.body());
        assertFalse(Files.exists(gems.resolve("badinput-1.0.0.gem")), "a yanked file is gone");
    }

    @Test
    void malformedHeadersGetA4xx() throws Exception {
        Mfa.Enrolled e = Mfa.enroll(new Browser());
        String[] authorizations = {"", "Basic", "Basic !!!notbase64", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
                "Bearer x", "x".repeat(10_000), "Basic " + "A".repeat(8000), "gemhost_\u00e9\u00e9", "Basic " + java.util.Base64.getEncoder().encodeToString("\u00ff\u00fe:\u0000".getBytes(StandardCharsets.ISO_8859_1))};
        int n = 0;
        for (String auth : authorizations) {
            for (String path : new String[] {"/api/v1/api_key", "/api/v1/gems.json", "/api/v1/gems"}) {
                String method = path.equals("/api/v1/gems.json") ? "GET" : "POST";
                Map<String, String> h = new LinkedHashMap<>();
                try {
                    h.put("Authorization", auth);
                    HttpResponse<String> r = Api.send(method, path, h, null);
                    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + " " + auth.length() + ": " + r.statusCode());
                    n++;
                } catch (IllegalArgumentException clientRefusesHeader) {
                    // java.net.http refuses some header values outright; nothing was sent
                }
            }
        }
        String password = Api.basic(e.user().email(), e.user().password());
        Browser b = new Browser();
        Mfa.otp(b, Mfa.password(b, e.user()), e.recoveryCodes().get(0));
        b.submit(b.get("/profile/edit"), "Update", Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(1)));
        for (String otp : new String[] {"x".repeat(10_000), "１２３４５６", "١٢٣٤٥٦", "12345", "1234567", "+12345", "' OR 1=1", "\u00e9\u00e9"}) {
            byte[] body = "name=k&push_rubygem=true".getBytes(StandardCharsets.UTF_8);
            int status = Api.raw("POST /api/v1/api_key HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + password
                    + "\r\nOTP: " + otp + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n", body);
            boolean ascii = otp.chars().allMatch(c -> c < 0x80);
            // non-ASCII bytes in a header are refused by the HTTP layer itself (400) before gemhost sees them
            assertTrue(status == 401 || status == 429 || (!ascii && status == 400), otp + ": " + status);
            n++;
        }
        int lying = Api.raw("POST /api/v1/gems HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: x\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n",
                "short".getBytes(StandardCharsets.UTF_8));
        assertTrue(lying >= 400 && lying < 500, "Content-Length larger than the body: " + lying);
        int unknownMethod = Api.raw("BREW /api/v1/gems HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null);
        assertTrue(unknownMethod >= 400 && unknownMethod < 500 || unknownMethod == 501, "unknown method: " + unknownMethod);
        System.out.println("ApiBadInputIT: " + n + " malformed header requests answered 4xx");
    }
}
