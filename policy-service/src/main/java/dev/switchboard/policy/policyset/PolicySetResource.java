package dev.switchboard.policy.policyset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.InvalidPolicyException;
import dev.switchboard.model.policy.PolicySets;
import dev.switchboard.model.policy.PolicyViolation;
import dev.switchboard.model.policy.ResolvedTarget;

/**
 * Policy-set API for policy owners. Validation is side-effect free; nothing returned ever contains a token hash or a
 * provider key reference's value.
 */
@Path("/v1/policy-sets")
@Produces(MediaType.APPLICATION_JSON)
public class PolicySetResource {

    private final ActivePolicy active;

    PolicySetResource(ActivePolicy active) {
        this.active = active;
    }

    public record ValidationResult(boolean valid, String version, String fingerprint, List<GroupSummary> groups,
            Integer callers, List<PolicyViolation> violations) {
    }

    public record GroupSummary(String name, String strategy, List<String> targets) {
    }

    public record ActiveSummary(String version, String fingerprint, String activatedAt, String source,
            List<GroupSummary> groups, int callers, int providers) {
    }

    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public RestResponse<ValidationResult> validate(String yaml) {
        try {
            CompiledPolicy policy = PolicySets.compile(yaml);
            return RestResponse.ok(new ValidationResult(true, policy.version(), policy.fingerprint(), groups(policy),
                    policy.source().callers().size(), List.of()));
        } catch (InvalidPolicyException e) {
            ValidationResult invalid = new ValidationResult(false, null, null, null, null, e.violations());
            return RestResponse.ResponseBuilder.<ValidationResult>create(422).entity(invalid).build();
        }
    }

    @GET
    @Path("/active")
    public RestResponse<ActiveSummary> active() {
        return active.current()
                .map(s -> RestResponse.ok(new ActiveSummary(s.policy().version(), s.policy().fingerprint(),
                        s.activatedAt().toString(), s.source(), groups(s.policy()),
                        s.policy().source().callers().size(),
                        s.policy().source().providers().size())))
                .orElseGet(() -> RestResponse.status(RestResponse.Status.NOT_FOUND));
    }

    private static List<GroupSummary> groups(CompiledPolicy policy) {
        Map<String, GroupSummary> out = new LinkedHashMap<>();
        for (String name : policy.groupNames()) {
            List<String> targets = policy.targets(name).stream().map(ResolvedTarget::label).toList();
            out.put(name, new GroupSummary(name, policy.group(name).orElseThrow().strategy(), targets));
        }
        return List.copyOf(out.values());
    }
}
