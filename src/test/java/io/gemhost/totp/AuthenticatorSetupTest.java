package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an authenticator app is given when it is set up: the key in Base32, the otpauth URI that carries it, and that URI's QR image. */
class AuthenticatorSetupTest {

    /** Base32: RFC 4648, as authenticator apps read a key. */
    @Nested
    class Base32Text {

        @Test
        void encodesRfc4648VectorsWithoutPadding() {
            String[][] vectors = {
                {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
            };
            for (String[] v : vectors) {
                byte[] plain = v[0].getBytes(StandardCharsets.US_ASCII);
                assertEquals(v[1], Base32.encode(plain));
                assertArrayEquals(plain, Base32.decode(v[1]));
            }
        }

        @Test
        void decodeForgivesCaseSpacesAndPadding() {
            byte[] foobar = "foobar".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(foobar, Base32.decode("mzxw6ytboi======"));
            assertArrayEquals(foobar, Base32.decode("MZXW 6YTB OI"));
            assertArrayEquals(foobar, Base32.decode("MzXw6yTbOi"));
        }

        @Test
        void decodeRefusesForeignCharactersAndImpossibleLengths() {
            assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW1"));
            assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW0"));
            assertThrows(IllegalArgumentException.class, () -> Base32.decode("M"));
        }

        @Test
        void roundTripsRandomBytes() {
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 100; i++) {
                byte[] key = new byte[i % 33];
                random.nextBytes(key);
                assertArrayEquals(key, Base32.decode(Base32.encode(key)));
            }
        }
    }

    /** OtpAuthUri: the otpauth URI of a key, and the issuer it names. */
    @Nested
    class Uri {

        private static final String SECRET = "JBSWY3DPEHPK3PXP";

        @Test
        void plainIssuerAndAccount() {
            assertEquals("otpauth://totp/gemhost.example:alice?secret=JBSWY3DPEHPK3PXP&issuer=gemhost.example",
                    OtpAuthUri.of("gemhost.example", "alice", SECRET));
        }

        @Test
        void encodesPlusAndAtInEmail() {
            assertEquals("otpauth://totp/gemhost.example:a%2Bb%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=gemhost.example",
                    OtpAuthUri.of("gemhost.example", "a+b@x.org", SECRET));
        }

        @Test
        void encodesSpacesAsPercentTwentyNeverPlus() {
            String uri = OtpAuthUri.of("Gem Host", "first last@x.org", SECRET);
            assertEquals("otpauth://totp/Gem%20Host:first%20last%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=Gem%20Host", uri);
            assertFalse(uri.contains("+"));
            assertFalse(uri.contains(" "));
        }

        @Test
        void encodesUnicodeAsUtf8() {
            assertEquals("otpauth://totp/g%C3%A9m:zo%C3%AB%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=g%C3%A9m",
                    OtpAuthUri.of("g\u00e9m", "zo\u00eb@x.org", SECRET));
        }

        @Test
        void encodesQuerySyntaxInIssuer() {
            assertEquals("otpauth://totp/a%26b%3Dc%3F%23:x?secret=JBSWY3DPEHPK3PXP&issuer=a%26b%3Dc%3F%23",
                    OtpAuthUri.of("a&b=c?#", "x", SECRET));
        }

        @Test
        void keepsUnreservedCharacters() {
            assertEquals("otpauth://totp/a-b.c_d~e:A-z.0_9~?secret=JBSWY3DPEHPK3PXP&issuer=a-b.c_d~e",
                    OtpAuthUri.of("a-b.c_d~e", "A-z.0_9~", SECRET));
        }

        @Test
        void refusesColons() {
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost.example:8443", "alice", SECRET));
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost.example", "al:ice", SECRET));
        }

        @Test
        void refusesMissingParts() {
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of(null, "alice", SECRET));
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", " ", SECRET));
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", "alice", null));
            assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", "alice", "NOT BASE32 1"));
        }

        @Test
        void secretHasNoPadding() {
            // 21 bytes would end in "===" in a padded encoder.
            byte[] key = new byte[21];
            new SecureRandom().nextBytes(key);
            String uri = OtpAuthUri.of("gemhost", "alice", Base32.encode(key));
            String secret = uri.substring(uri.indexOf("secret=") + "secret=".length(), uri.indexOf('&'));
            assertEquals(Base32.encode(key), secret);
            assertFalse(secret.contains("="));
            assertEquals(34, secret.length());
        }

        @Test
        void stripsPaddingAndNormalizesCaseOfGivenSecret() {
            String uri = OtpAuthUri.of("gemhost", "alice", "mzxw6ytboi======");
            assertEquals("otpauth://totp/gemhost:alice?secret=MZXW6YTBOI&issuer=gemhost", uri);
        }

        @ParameterizedTest
        @CsvSource({
            "gemhost.example, gemhost.example",
            "gemhost.example:8443, gemhost.example",
            "GemHost.Example:80, gemhost.example",
            "localhost:8080, localhost",
            "127.0.0.1:8080, 127.0.0.1",
            "gemhost.example., gemhost.example",
            "'[::1]:8080', --1",
            "'[2001:db8::1]', 2001-db8--1",
            "'2001:db8::1', 2001-db8--1",
            "'', gemhost",
        })
        void issuerFromHostDropsPortAndColons(String host, String issuer) {
            assertEquals(issuer, OtpAuthUri.issuerFromHost(host));
            assertFalse(OtpAuthUri.issuerFromHost(host).contains(":"));
            OtpAuthUri.of(OtpAuthUri.issuerFromHost(host), "alice", SECRET);
        }

        @Test
        void issuerFromMissingHost() {
            assertEquals("gemhost", OtpAuthUri.issuerFromHost(null));
        }
    }

    /** QrCode: the URI as a PNG an app's camera reads. */
    @Nested
    class QrImage {

        private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

        @Test
        void pngDecodesBackToTheExactUri() throws Exception {
            String uri = OtpAuthUri.of("gemhost.example", "a+b c@x.org",
                    Base32.encode(Totp.newKey(new SecureRandom())));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.png(uri)));

            assertEquals(uri, decode(image));
        }

        @Test
        void imageIsSquareLargeEnoughAndHasAFourModuleQuietZone() throws Exception {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.png("otpauth://totp/a:b?secret=AA&issuer=a")));
            int n = image.getWidth();
            assertTrue(n >= 250, "width " + n);
            assertEquals(n, image.getHeight());

            // The finder pattern's corner is the first dark pixel on the diagonal, four modules in.
            int first = 0;
            while (isWhite(image, first, first)) {
                first++;
            }
            assertEquals(0, first % 4);
            int scale = first / 4;
            assertTrue(scale >= 6, "module size " + scale);
            assertEquals(0, n % scale);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < first; d++) {
                    assertTrue(isWhite(image, d, i) && isWhite(image, n - 1 - d, i)
                            && isWhite(image, i, d) && isWhite(image, i, n - 1 - d));
                }
            }
        }

        @Test
        void dataUriCarriesThePng() {
            String uri = QrCode.dataUri("hello");
            String prefix = "data:image/png;base64,";
            assertTrue(uri.startsWith(prefix));
            byte[] png = Base64.getDecoder().decode(uri.substring(prefix.length()));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        }

        private static String decode(BufferedImage image) throws Exception {
            int w = image.getWidth();
            int h = image.getHeight();
            int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
            return new QRCodeReader().decode(bitmap).getText();
        }

        private static boolean isWhite(BufferedImage image, int x, int y) {
            return (image.getRGB(x, y) & 0xffffff) == 0xffffff;
        }
    }
}
