package io.switchboard.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field the record requires only with another field's value (an agent's typing names the agent). The
 * published schema leaves it out of {@code required} and says the rule in the field's description.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface RequiredWhen {

    /** The condition, as a phrase: "party is AGENT". */
    String value();
}
