package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Base32Test {

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
