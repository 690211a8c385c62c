package io.switchboard.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;

import io.switchboard.events.codec.EventJson;

/**
 * Generates the JSON Schema of each event's {@code data} from its record. A field is required
 * when the record refuses to be built without it, which the generator learns by asking the
 * record's constructor, so the schema cannot claim less or more than the code enforces.
 */
final class EventSchemas {

    private EventSchemas() {
    }

    static Map<EventType, ObjectNode> generate() {
        Map<Class<?>, Set<String>> required = requiredFields(Samples.all().values());
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(EventJson.mapper(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.ADDITIONAL_FIXED_TYPES, Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.FLATTENED_ENUMS);
        config.forFields().withRequiredCheck(field -> required
                .getOrDefault(field.getDeclaringType().getErasedType(), Set.of()).contains(field.getName()));
        config.forFields().withDescriptionResolver(field -> {
            RequiredWhen when = field.getAnnotationConsideringFieldAndGetter(RequiredWhen.class);
            return when == null ? null : "Required when " + when.value() + ".";
        });
        SchemaGenerator generator = new SchemaGenerator(config.build());
        Map<EventType, ObjectNode> schemas = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            ObjectNode schema = generator.generateSchema(type.recordClass());
            ObjectNode ordered = EventJson.mapper().createObjectNode();
            ordered.put("$schema", schema.get("$schema").asText());
            ordered.put("$id", "https://switchboard.io/schemas/events/" + type.type() + ".json");
            ordered.put("title", type.type());
            ordered.put("description", "The data of a " + type.type() + " CloudEvent, published on "
                    + (type.topics().size() == 1 ? type.topic() : "the outbound topic of its channel, switchboard.outbound.<channel>.v1") + ".");
            schema.remove("$schema");
            ordered.setAll(schema);
            schemas.put(type, ordered);
        }
        return schemas;
    }

    private static Map<Class<?>, Set<String>> requiredFields(Collection<SwitchboardEvent> samples) {
        Map<Class<?>, Set<String>> required = new HashMap<>();
        for (Object sample : samples) {
            collect(sample, required);
        }
        return required;
    }

    private static void collect(Object value, Map<Class<?>, Set<String>> required) {
        if (value instanceof Collection<?> items) {
            items.forEach(item -> collect(item, required));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, required));
        } else if (value instanceof Record record && !required.containsKey(record.getClass())) {
            required.put(record.getClass(), requiredOf(record));
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                collect(read(component, record), required);
            }
        }
    }

    private static Set<String> requiredOf(Record sample) {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(components[i], sample);
            types[i] = components[i].getType();
        }
        Set<String> required = new HashSet<>();
        try {
            Constructor<?> constructor = sample.getClass().getDeclaredConstructor(types);
            for (int i = 0; i < components.length; i++) {
                if (types[i].isPrimitive()) {
                    required.add(components[i].getName());
                    continue;
                }
                Object[] withoutOne = values.clone();
                withoutOne[i] = null;
                try {
                    constructor.newInstance(withoutOne);
                } catch (InvocationTargetException refused) {
                    // A field the record requires only with another field's value says so (@RequiredWhen):
                    // a list of required fields cannot, so the schema describes the rule instead.
                    if (!components[i].isAnnotationPresent(RequiredWhen.class)) {
                        required.add(components[i].getName());
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return required;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
