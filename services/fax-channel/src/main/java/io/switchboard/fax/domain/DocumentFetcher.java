package io.switchboard.fax.domain;

import java.net.URI;

/** Port: downloads the document a provider announced, with the account's credentials. */
public interface DocumentFetcher {

    /**
     * @throws FetchException permanent when the provider answered that it will never serve it (4xx) or it
     *                        is larger than {@code maxBytes}; temporary when it could not be reached or
     *                        answered 429 or 5xx
     */
    byte[] fetch(String provider, URI url, long maxBytes) throws FetchException;

    class FetchException extends Exception {

        private final boolean permanent;

        public FetchException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
