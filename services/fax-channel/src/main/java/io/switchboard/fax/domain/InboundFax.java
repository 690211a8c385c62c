package io.switchboard.fax.domain;

/**
 * A fax as a provider announced it, before anything is believed: the provider and its id for the fax
 * (a retry repeats it), the sender's and the faxed number as sent, and the page count it declared
 * (the document's own count wins).
 */
public record InboundFax(String provider, String providerFaxId, String from, String to, String declaredPages) {
}
