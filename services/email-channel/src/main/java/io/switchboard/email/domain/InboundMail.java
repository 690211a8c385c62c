package io.switchboard.email.domain;

import io.switchboard.service.config.EntryPointRoute;

/**
 * One message as it arrived, before parsing.
 *
 * @param envelopeSender the SMTP MAIL FROM ({@code ""} for the null sender of bounces), or null when unknown (IMAP)
 * @param source         {@code smtp} or {@code imap:<mailbox>}
 */
public record InboundMail(String envelopeSender, EntryPointRoute route, byte[] raw, String source) {
}
