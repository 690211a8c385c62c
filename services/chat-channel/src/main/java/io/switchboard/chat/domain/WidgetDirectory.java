package io.switchboard.chat.domain;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.service.config.EntryPointDirectory;

/** The widget ids this channel serves: every tenant's CHAT entry points, compared exactly. */
@ApplicationScoped
public class WidgetDirectory extends EntryPointDirectory {

    public WidgetDirectory() {
        super(Channel.CHAT, widgetId -> widgetId);
    }
}
