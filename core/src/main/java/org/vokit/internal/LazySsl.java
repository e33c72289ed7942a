package org.vokit.internal;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context, initialised only when the first TLS connection is made.
 *
 * <p>Loading the default context (security providers, the CA certificate store) costs well
 * over 100 ms, which {@link java.net.http.HttpClient} would otherwise pay at construction even
 * for a program that only ever speaks plain HTTP, such as a command-line query to a local
 * service. Every operation delegates to {@link SSLContext#getDefault()}, so certificate and host
 * name verification are exactly the JDK's defaults.
 */
public final class LazySsl {

    private LazySsl() {
    }

    /**
     * Returns a context that defers to the default one on first use.
     *
     * @return the lazy context
     */
    public static SSLContext context() {
        return new SSLContext(new Spi(), null, "Default") {
        };
    }

    /**
     * Returns parameters that leave every choice (protocols, cipher suites) to the default
     * context, for {@link java.net.http.HttpClient.Builder#sslParameters}, so that building a
     * client does not ask the context for its defaults.
     *
     * @return empty parameters
     */
    public static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Spi extends SSLContextSpi {

        private static SSLContext real() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context in this JDK", e);
            }
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("the default TLS context cannot be re-initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }
}
