package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

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
