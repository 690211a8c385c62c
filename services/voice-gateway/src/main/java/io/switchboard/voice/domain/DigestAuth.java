package io.switchboard.voice.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 7616, with SHA-256 from RFC 8760): agents' phones and
 * trunks authenticating REGISTER and INVITE. Nonces are a timestamp signed with a key made at start,
 * valid for {@link #NONCE_LIFETIME}; a correct answer with an older nonce is {@link Outcome#STALE}.
 * Each nonce's highest accepted nonce count is kept until the nonce expires, so a replayed request
 * (an nc not above the last one) is {@link Outcome#REPLAYED}; without qop a nonce serves once.
 */
public final class DigestAuth {

    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    /** Bounds the nonce counts kept; beyond it the oldest nonces are treated as expired. */
    static final int MAX_TRACKED_NONCES = 100_000;

    public enum Algorithm {
        SHA_256("SHA-256", "SHA-256"),
        MD5("MD5", "MD5");

        private final String token;
        private final String jcaName;

        Algorithm(String token, String jcaName) {
            this.token = token;
            this.jcaName = jcaName;
        }

        /** As it appears in {@code algorithm=}. */
        public String token() {
            return token;
        }

        /** An {@code algorithm=} value; absent means MD5 (RFC 7616 §3.3). */
        public static Optional<Algorithm> of(String token) {
            if (token == null) {
                return Optional.of(MD5);
            }
            for (Algorithm algorithm : values()) {
                if (algorithm.token.equalsIgnoreCase(token.trim())) {
                    return Optional.of(algorithm);
                }
            }
            return Optional.empty();
        }

        String hash(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One challenge header's parameters (always {@code qop="auth"}). */
    public record Challenge(String realm, String nonce, Algorithm algorithm, boolean stale) {
    }

    /** What an Authorization header carried. {@code nonceCount} is the 8-hex-digit {@code nc}; {@code algorithm} null means MD5. */
    public record Credentials(String username, String realm, String nonce, String uri, String response, String algorithm, String qop,
            String nonceCount, String cnonce) {
    }

    public enum Outcome {
        ACCEPTED,
        /** Wrong password, user, realm or algorithm, or a nonce we never issued. */
        WRONG,
        /** Right credentials on an expired nonce: challenge again with {@code stale=true}. */
        STALE,
        /** A nonce count not above the last one accepted for this nonce. */
        REPLAYED
    }

    private record Use(long issued, long lastCount) {
    }

    private final String realm;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = random(32);
    /** Nonce → its issue time and highest accepted nc, in the order first used. */
    private final LinkedHashMap<String, Use> uses = new LinkedHashMap<>();
    /** Nonces issued at or before this second were forgotten while still valid: they count as expired. */
    private long forgottenUpTo = Long.MIN_VALUE;

    public DigestAuth(String realm) {
        this.realm = realm;
    }

    public String realm() {
        return realm;
    }

    /** A new nonce: the time, a random part (each nonce has its own counts), and our signature over both. */
    public String nonce(Instant now) {
        String issued = now.getEpochSecond() + "." + HexFormat.of().formatHex(random(8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString((issued + ":" + sign(issued)).getBytes(StandardCharsets.UTF_8));
    }

    /** One challenge per algorithm, in the order given (the preferred first, RFC 8760 §2.4), on one fresh nonce. */
    public List<Challenge> challenges(List<Algorithm> algorithms, boolean stale, Instant now) {
        String nonce = nonce(now);
        return algorithms.stream().map(algorithm -> new Challenge(realm, nonce, algorithm, stale)).toList();
    }

    /** Checks credentials answering one of our challenges for {@code method}, with one of the {@code accepted} algorithms. */
    public Outcome check(Credentials credentials, String password, String method, List<Algorithm> accepted, Instant now) {
        if (password == null) {
            return Outcome.WRONG;
        }
        return check(credentials, algorithm -> algorithm.hash(credentials.username() + ":" + realm + ":" + password), method, accepted,
                now);
    }

    /**
     * Checks credentials against a stored {@code ha1} (hex MD5 of {@code user:realm:password}, RFC 7616
     * §3.4.2) instead of a password: MD5 only, since the HA1 is an MD5.
     */
    public Outcome checkHa1(Credentials credentials, String ha1, String method, Instant now) {
        if (ha1 == null) {
            return Outcome.WRONG;
        }
        String stored = ha1.toLowerCase(Locale.ROOT);
        return check(credentials, algorithm -> stored, method, List.of(Algorithm.MD5), now);
    }

    private Outcome check(Credentials credentials, Function<Algorithm, String> ha1, String method,
            List<Algorithm> accepted, Instant now) {
        if (credentials == null || !realm.equals(credentials.realm()) || credentials.nonce() == null) {
            return Outcome.WRONG;
        }
        Optional<Algorithm> algorithm = Algorithm.of(credentials.algorithm()).filter(accepted::contains);
        Optional<Long> issued = issued(credentials.nonce());
        long count = count(credentials);
        if (algorithm.isEmpty() || issued.isEmpty() || issued.get() > now.getEpochSecond() + 5 || count < 0) {
            return Outcome.WRONG;
        }
        String expected = responseFromHa1(algorithm.get(), ha1.apply(algorithm.get()), method, credentials.uri(),
                credentials.nonce(), credentials.nonceCount(), credentials.cnonce(), credentials.qop());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(credentials.response()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.WRONG;
        }
        return use(credentials.nonce(), issued.get(), count, now);
    }

    /**
     * The request-digest of RFC 7616 §3.4.1 (qop {@code auth}, or none as RFC 2069): what a client
     * computes and what we expect.
     */
    public static String response(Algorithm algorithm, String username, String realm, String password, String method, String uri,
            String nonce, String nonceCount, String cnonce, String qop) {
        return responseFromHa1(algorithm, algorithm.hash(username + ":" + realm + ":" + password), method, uri, nonce, nonceCount,
                cnonce, qop);
    }

    private static String responseFromHa1(Algorithm algorithm, String ha1, String method, String uri, String nonce, String nonceCount,
            String cnonce, String qop) {
        String ha2 = algorithm.hash(method + ":" + uri);
        return qop == null
                ? algorithm.hash(ha1 + ":" + nonce + ":" + ha2)
                : algorithm.hash(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** The nc as a number: 0 without qop, -1 when unusable (only {@code qop=auth} is offered). */
    private static long count(Credentials credentials) {
        if (credentials.qop() == null) {
            return 0;
        }
        if (!"auth".equals(credentials.qop()) || credentials.nonceCount() == null || credentials.cnonce() == null
                || !credentials.nonceCount().matches("[0-9a-fA-F]{8}")) {
            return -1;
        }
        return Long.parseLong(credentials.nonceCount(), 16);
    }

    private synchronized Outcome use(String nonce, long issued, long count, Instant now) {
        forgetExpired(now);
        if (issued <= forgottenUpTo || expired(issued, now)) {
            return Outcome.STALE;
        }
        Use previous = uses.get(nonce);
        if (previous != null && count <= previous.lastCount()) {
            return Outcome.REPLAYED;
        }
        uses.put(nonce, new Use(issued, count));
        if (uses.size() > MAX_TRACKED_NONCES) {
            Iterator<Map.Entry<String, Use>> eldest = uses.entrySet().iterator();
            forgottenUpTo = Math.max(forgottenUpTo, eldest.next().getValue().issued());
            eldest.remove();
        }
        return Outcome.ACCEPTED;
    }

    private void forgetExpired(Instant now) {
        Iterator<Map.Entry<String, Use>> oldest = uses.entrySet().iterator();
        while (oldest.hasNext() && expired(oldest.next().getValue().issued(), now)) {
            oldest.remove();
        }
    }

    private static boolean expired(long issued, Instant now) {
        return !Instant.ofEpochSecond(issued).plus(NONCE_LIFETIME).isAfter(now);
    }

    /** When we issued the nonce; empty for one we did not sign. */
    private Optional<Long> issued(String nonce) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.UTF_8).split(":", 2);
            if (parts.length != 2 || !MessageDigest.isEqual(sign(parts[0]).getBytes(StandardCharsets.US_ASCII),
                    parts[1].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(parts[0].substring(0, parts[0].indexOf('.'))));
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private byte[] random(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nonces whose counts are held now. */
    synchronized int trackedNonces() {
        return uses.size();
    }

    static String md5(String text) {
        return Algorithm.MD5.hash(text);
    }
}
