package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A DID's menu: its prompt, key to entry point, where silence goes (empty: the DID itself) and after how long. */
public record IvrMenu(String prompt, Map<String, String> choices, Optional<String> defaultChoice, Duration timeout) {
}
