package dev.switchboard.model.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads policy sets from YAML (the bootstrap file, the policy API) and validates them. */
public final class PolicySets {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private PolicySets() {
    }

    /** Parses and validates; throws {@link InvalidPolicyException} listing every violation with its path. */
    public static CompiledPolicy compile(String yaml) {
        PolicySet set = parse(yaml);
        List<PolicyViolation> violations = PolicyValidator.validate(set);
        if (!violations.isEmpty()) {
            throw new InvalidPolicyException(violations);
        }
        return CompiledPolicy.of(set, Fingerprints.sha256(yaml));
    }

    public static CompiledPolicy compile(Path file) throws IOException {
        return compile(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Syntax and types only; see {@link PolicyValidator} for the rules between fields. */
    public static PolicySet parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidPolicyException(List.of(new PolicyViolation("", "policy set is empty")));
        }
        try {
            PolicySet set = YAML.readValue(yaml, PolicySet.class);
            if (set == null) {
                throw new InvalidPolicyException(List.of(new PolicyViolation("", "policy set is empty")));
            }
            return set;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidPolicyException(
                    List.of(new PolicyViolation(path(e), "unknown field '" + e.getPropertyName() + "'")));
        } catch (JsonMappingException e) {
            throw new InvalidPolicyException(List.of(new PolicyViolation(path(e), safeMessage(e))));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidPolicyException(List.of(new PolicyViolation("", "malformed YAML" + where)));
        }
    }

    public static String toYaml(PolicySet set) {
        try {
            return YAML.writeValueAsString(set);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed policy set is always serialisable", e);
        }
    }

    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    /** Jackson's messages name Java types and may quote values; keep only what helps an operator. */
    private static String safeMessage(JsonMappingException e) {
        String original = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
        if (original.startsWith("Cannot deserialize value of type")) {
            String type = original.replaceAll("(?s)Cannot deserialize value of type `([^`]*)`.*", "$1");
            return "wrong type, expected " + friendlyType(type);
        }
        if (original.startsWith("Cannot construct instance")) {
            return "wrong type, expected a mapping";
        }
        if (original.contains("Duplicate field")) {
            return "duplicate key";
        }
        return "invalid value";
    }

    private static String friendlyType(String javaType) {
        if (javaType.startsWith("java.util.List") || javaType.startsWith("java.util.ArrayList")) {
            return "a list";
        }
        if (javaType.startsWith("java.util.Map") || javaType.startsWith("java.util.LinkedHashMap")) {
            return "a mapping";
        }
        if (javaType.endsWith("Integer") || javaType.endsWith("Long") || javaType.equals("int")
                || javaType.equals("long")) {
            return "an integer";
        }
        if (javaType.endsWith("BigDecimal")) {
            return "a number";
        }
        if (javaType.endsWith("Boolean") || javaType.equals("boolean")) {
            return "true or false";
        }
        if (javaType.endsWith("String")) {
            return "a string";
        }
        return "a mapping";
    }
}
