package io.switchboard.desktop.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;

/** The desktop's settings ({@code switchboard.desktop.*}). */
@ConfigMapping(prefix = "switchboard.desktop")
public interface DesktopConfig {

    /** How long a command may wait for the broker's acknowledgement before the caller gets a 503. */
    Duration publishTimeout();

    /** How long a new socket may take to send its access token. */
    Duration authTimeout();

    /** Where customer360 answers (the REST client reads it too). */
    String customer360Url();

    /** Where the SMS channel answers reply policies (opt-outs). */
    String smsChannelUrl();

    /** Where the social channel answers reply policies (the platforms' windows and templates). */
    String socialChannelUrl();

    /** Where the reporting service answers (the supervisor's reports page reads it through the desktop). */
    String reportingUrl();

    /** Where the campaign service answers (campaign pages and preview calls go through the desktop). */
    String campaignsUrl();

    /** Where the fax channel serves fax documents and thumbnails. */
    String faxChannelUrl();

    String keycloakUrl();

    String keycloakRealm();

    String keycloakClientId();

    /** The wrap-up codes an agent chooses from. */
    List<String> dispositions();
}
