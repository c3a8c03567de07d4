package dev.slipway.testsupport.registry;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates generated per test run (never committed): a CA, server certificates it signs
 * for 127.0.0.1/localhost, and self-signed signing certificates for token servers.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    /** A key pair with its certificate. */
    public record KeyAndCertificate(KeyPair keyPair, X509Certificate certificate) {
        /** Writes the certificate as PEM. */
        public Path writeCertificatePem(Path file) {
            return writePem(file, certificate);
        }

        /** Writes the private key as PEM (PKCS#8); put it only under a test's temp folder. */
        public Path writePrivateKeyPem(Path file) {
            try {
                return writePem(file, new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
            } catch (PemGenerationException e) {
                throw new IllegalStateException("cannot encode the private key", e);
            }
        }
    }

    /** A CA certificate valid for a day (EC P-256: quick to generate). */
    public static KeyAndCertificate certificateAuthority(String commonName) {
        KeyPair keys = ecKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return sign(name, keys, name, keys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    /** A server certificate (EC P-256) for 127.0.0.1 and localhost, signed by {@code ca}. */
    public static KeyAndCertificate serverCertificate(KeyAndCertificate ca) {
        KeyPair keys = ecKeyPair();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return sign(new X500Name("CN=127.0.0.1"), keys, issuer, ca.keyPair(), builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
        });
    }

    /**
     * A self-signed RSA certificate for signing RS256 tokens. It has no extended key usage on purpose: the
     * registry verifies the token's x5c chain with Go's default usage (server auth), which a
     * certificate without that extension satisfies.
     */
    public static KeyAndCertificate selfSignedSigningCertificate(String commonName) {
        KeyPair keys = rsaKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return sign(name, keys, name, keys, builder -> builder.addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)));
    }

    /** An SSL context that trusts only {@code ca}, for Java clients under test. */
    public static SSLContext sslContextTrusting(X509Certificate ca) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(trustStore(ca)), RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSL context", e);
        }
    }

    /** An in-memory PKCS#12 trust store holding {@code ca} as entry {@code slipway-test-ca}. */
    public static KeyStore trustStore(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("slipway-test-ca", ca);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    static Path writePem(Path file, Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static KeyAndCertificate sign(
            X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Extensions extensions) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
        try {
            extensions.add(builder);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(issuerKeys.getPrivate().getAlgorithm().equals("EC")
                            ? "SHA256withECDSA" : "SHA256withRSA").build(issuerKeys.getPrivate())));
            return new KeyAndCertificate(subjectKeys, certificate);
        } catch (IOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot create certificate for " + subject, e);
        }
    }
}
