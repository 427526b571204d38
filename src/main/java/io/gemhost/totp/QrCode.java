package io.gemhost.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders text, typically an {@link OtpAuthUri}, as a PNG QR code that can be inlined in the enrollment page.
 *
 * <p>ZXing computes the modules only (margin 0); the image is drawn here with whole pixels per module and the
 * 4-module quiet zone the standard asks for, so phone cameras read it reliably even when the page is zoomed. The
 * image is one bit deep and stays in memory (no ImageIO file cache), since it carries the secret.
 */
public final class QrCode {

    static final int QUIET_ZONE_MODULES = 4;
    static final int MIN_MODULE_PIXELS = 6;
    static final int MIN_WIDTH_PIXELS = 250;

    private QrCode() {
    }

    public static byte[] png(String text) {
        BitMatrix modules = encode(text);
        int size = modules.getWidth() + 2 * QUIET_ZONE_MODULES;
        int scale = Math.max(MIN_MODULE_PIXELS, (MIN_WIDTH_PIXELS + size - 1) / size);
        int pixels = size * scale;

        // The default palette of a one-bit image: sample 0 is black, 1 is white.
        BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < pixels; y++) {
            int moduleY = y / scale - QUIET_ZONE_MODULES;
            for (int x = 0; x < pixels; x++) {
                int moduleX = x / scale - QUIET_ZONE_MODULES;
                boolean dark = moduleX >= 0 && moduleY >= 0
                        && moduleX < modules.getWidth() && moduleY < modules.getHeight()
                        && modules.get(moduleX, moduleY);
                raster.setSample(x, y, 0, dark ? 0 : 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // An explicit memory cache: ImageIO's default may spill to a temporary file, and the image holds the secret.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String dataUri(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
    }

    private static BitMatrix encode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        // ASCII (every otpauth URI) needs no charset hint; naming UTF-8 would add an ECI segment old readers mishandle.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code", e);
        }
    }
}
