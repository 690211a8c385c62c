package io.switchboard.fax.domain;

/** The bytes are not a fax document this service reads (not a PDF or TIFF, damaged, encrypted, too large to render). */
public class InvalidDocumentException extends Exception {

    public InvalidDocumentException(String message) {
        super(message);
    }
}
