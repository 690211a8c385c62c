package io.switchboard.desktop.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * An approved message template an agent sends where free text is not allowed (WhatsApp outside its
 * 24-hour window). It reaches the social channel as the reply's metadata: {@code template},
 * {@code templateLanguage} and {@code templateParameters} (a JSON array of strings).
 */
public record ReplyTemplate(String name, String language, List<String> parameters) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9_]{1,512}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(_[A-Z]{2})?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReplyTemplate {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DesktopException.Invalid("a template name is lower-case letters, digits and '_', not '" + name + "'");
        }
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new DesktopException.Invalid("a template language is a code such as en or en_US, not '" + language + "'");
        }
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        if (parameters.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new DesktopException.Invalid("every template parameter needs a value");
        }
    }

    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("template", name);
        metadata.put("templateLanguage", language);
        try {
            metadata.put("templateParameters", JSON.writeValueAsString(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template parameters are strings", e);
        }
        return metadata;
    }
}
