"""moto server with the ECS fidelity patches doppio's end-to-end suite needs.

moto (pinned in test/e2e/install.sh) emulates ECS, ECR and STS on one port, but diverges from ECS
where ecspresso and doppio's actions look closely. Each patch below is named, documented with the
divergence it closes, and tested through the AWS SDK in test/e2e/moto-patches.test.ts (the last one
in test/e2e/iam.test.ts, where IAM is enforced).

    python3 doppio_moto.py 127.0.0.1 5055     # host, then port
    python3 doppio_moto.py --list             # the patches, one a line

Set MOTO_ECS_SERVICE_RUNNING to the desired count (the suite uses 1) so services become steady.
"""

import base64
import sys
from datetime import timedelta

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException
from moto.moto_api._internal import mock_random

Backend = ecs_models.EC2ContainerServiceBackend
Response = ecs_responses.EC2ContainerServiceResponse

# A container carrying this docker label with the value `fail` never starts a task: the deployment
# fails, as it does in ECS when an image crashes on start. The sample service's "bad release" sets
# it; nothing else in doppio knows it.
FAILING_TASKS_LABEL = "doppio.e2e/tasks"

PATCHES = {}


def patch(name):
    def register(apply):
        PATCHES[name] = apply
        return apply

    return register


def _canonical_arn(backend, task_definition):
    return backend.describe_task_definition(task_definition).arn if task_definition else None


def _fails_to_start(backend, task_definition_arn):
    td = backend.describe_task_definition(task_definition_arn)
    return any(
        (c.get("dockerLabels") or {}).get(FAILING_TASKS_LABEL) == "fail"
        for c in td.container_definitions
    )


def _circuit_breaker(service):
    config = getattr(service, "deployment_configuration", None) or {}
    return config.get("deploymentCircuitBreaker") or {}


@patch("list-task-definitions-sort-and-paging")
def list_task_definitions_sort_and_paging():
    """ListTaskDefinitions ignores `sort`, `maxResults` and `nextToken` in moto: every ARN comes back
    in insertion order. ecspresso rollback reads the family with sort=DESC and takes the revision
    after the current one, so without this it picks the wrong target. (`familyPrefix` stays what
    ECS documents: the full family name.)"""

    def list_task_definitions(self):
        family = self._get_param("familyPrefix")
        status = self._get_param("status", "ACTIVE")
        descending = self._get_param("sort", "ASC") == "DESC"
        max_results = int(self._get_param("maxResults") or 100)
        token = self._get_param("nextToken")
        start = int(base64.b64decode(token).decode()) if token else 0
        definitions = [
            td
            for revisions in self.ecs_backend.task_definitions.values()
            for td in revisions.values()
            if (family is None or td.family == family) and td.status == status
        ]
        definitions.sort(key=lambda td: (td.family, td.revision), reverse=descending)
        page = definitions[start : start + max_results]
        result = {"taskDefinitionArns": [td.arn for td in page]}
        if start + max_results < len(definitions):
            result["nextToken"] = base64.b64encode(str(start + max_results).encode()).decode()
        return ActionResult(result)

    Response.list_task_definitions = list_task_definitions


@patch("update-service-moves-primary-deployment")
def update_service_moves_primary_deployment():
    """moto's UpdateService stores the task definition exactly as given (`family:revision`) and
    leaves the PRIMARY deployment on the old one. ECS stores the full ARN and starts a deployment of
    the new revision, which becomes PRIMARY; ecspresso compares the two after a deploy and would
    report a rollback that never happened. Here the service gets the ARN, and the PRIMARY deployment
    the new revision, counts and a rollout state (COMPLETED once every desired task runs)."""

    original = Backend.update_service

    def update_service(self, props):
        service = original(self, props)
        service.task_definition = _canonical_arn(self, service.task_definition)
        if service.deployments:
            running = min(service.desired_count, service.running_count)
            primary = service.deployments[0]
            primary.update(
                taskDefinition=service.task_definition,
                desiredCount=service.desired_count,
                runningCount=running,
                pendingCount=service.desired_count - running,
                rolloutState="COMPLETED" if running >= service.desired_count else "IN_PROGRESS",
                rolloutStateReason=f"ECS deployment {primary.get('id')} "
                + ("completed." if running >= service.desired_count else "in progress."),
                failedTasks=0,
                updatedAt=utcnow(),
            )
        return service

    Backend.update_service = update_service


@patch("deployment-circuit-breaker")
def deployment_circuit_breaker():
    """moto starts every task it is asked for. To rehearse a bad release, a task definition whose
    container has the docker label `doppio.e2e/tasks: fail` starts no task. Then, as ECS does:
    with the service's deploymentCircuitBreaker enabled with rollback, the deployment fails and the
    service returns to the revision it ran before (top-level taskDefinition and PRIMARY deployment
    both, an event says so); without it the deployment stays IN_PROGRESS with no running task, so
    a wait for a steady service times out. Applied after update-service-moves-primary-deployment."""

    original = Backend.update_service

    def update_service(self, props):
        cluster = props.get("cluster", "default")
        name = props.get("service", "").split("/")[-1]
        before = _canonical_arn(self, self._get_service(cluster, name).task_definition)
        service = original(self, props)
        after = service.task_definition
        service.doppio_last_rollout = None
        if after == before or not _fails_to_start(self, after):
            return service
        primary = service.deployments[0] if service.deployments else {}
        breaker = _circuit_breaker(service)
        now = utcnow()
        service.events.insert(
            0,
            {"id": str(mock_random.uuid4()), "createdAt": now,
             "message": f"(service {service.name}) deployment {primary.get('id')} deployment failed: tasks failed to start."},
        )
        if breaker.get("enable") and breaker.get("rollback"):
            service.task_definition = before
            service.running_count = service.desired_count
            primary.update(taskDefinition=before, runningCount=service.desired_count, pendingCount=0,
                           failedTasks=service.desired_count, rolloutState="COMPLETED",
                           rolloutStateReason="ECS deployment circuit breaker: rolled back to the previous deployment.",
                           updatedAt=now)
            service.events.insert(
                0,
                {"id": str(mock_random.uuid4()), "createdAt": now,
                 "message": f"(service {service.name}) rolling back to deployment {primary.get('id')}."},
            )
            service.doppio_last_rollout = ("ROLLBACK_SUCCESSFUL", "tasks failed to start; rolled back by the deployment circuit breaker", before)
        else:
            service.running_count = 0
            primary.update(runningCount=0, pendingCount=service.desired_count, failedTasks=service.desired_count,
                           rolloutState="IN_PROGRESS", updatedAt=now)
            service.doppio_last_rollout = ("IN_PROGRESS", "tasks failed to start", None)
        return service

    Backend.update_service = update_service


@patch("service-deployment-apis")
def service_deployment_apis():
    """moto 5.2 has no ListServiceDeployments / DescribeServiceDeployments (HTTP 500), which
    `ecspresso deploy --wait-until=deployed` polls. Every CreateService and every UpdateService that
    changes the task definition (or forces a new deployment) records a service deployment: SUCCESSFUL
    when the service is steady on it, IN_PROGRESS while tasks do not start, ROLLBACK_SUCCESSFUL when
    the circuit breaker returned the service to the previous revision. Applied after
    deployment-circuit-breaker, whose verdict it records."""

    def record(backend, service, source, target, status, reason, rollback_to=None):
        now = utcnow()
        deployment_id = mock_random.get_random_hex(20)
        arn = (f"arn:aws:ecs:{backend.region_name}:{backend.account_id}:service-deployment/"
               f"{service.cluster_name}/{service.name}/{deployment_id}")
        deployments = backend.__dict__.setdefault("doppio_service_deployments", [])
        entry = {
            "serviceDeploymentArn": arn,
            "serviceArn": service.arn,
            "clusterArn": service.cluster_arn,
            # Strictly increasing, as ECS's are: ecspresso takes the newest by createdAt.
            "createdAt": now + timedelta(microseconds=len(deployments)),
            "startedAt": now,
            "updatedAt": now,
            "status": status,
            "statusReason": reason,
            "sourceServiceRevisions": [{"arn": source, "requestedTaskCount": service.desired_count}] if source else [],
            "targetServiceRevision": {"arn": target, "requestedTaskCount": service.desired_count,
                                      "runningTaskCount": service.running_count, "pendingTaskCount": 0},
        }
        if status != "IN_PROGRESS":
            entry["finishedAt"] = now
        if rollback_to:
            entry["rollback"] = {"reason": reason, "startedAt": now, "serviceRevisionArn": rollback_to}
        deployments.append(entry)

    original_create = Backend.create_service

    def create_service(self, cluster_str, service_name, desired_count, *args, **kwargs):
        service = original_create(self, cluster_str, service_name, desired_count, *args, **kwargs)
        if service.task_definition:
            record(self, service, None, service.task_definition, "SUCCESSFUL", "created")
        return service

    original_update = Backend.update_service

    def update_service(self, props):
        cluster = props.get("cluster", "default")
        name = props.get("service", "").split("/")[-1]
        before = _canonical_arn(self, self._get_service(cluster, name).task_definition)
        forced = bool(props.get("force_new_deployment"))
        requested = props.get("task_definition")  # read before moto pops it
        service = original_update(self, props)
        outcome = getattr(service, "doppio_last_rollout", None)
        if outcome:
            status, reason, rollback_to = outcome
            target = _canonical_arn(self, requested) or before
            record(self, service, before, target, status, reason, rollback_to)
        elif service.task_definition != before or forced:
            record(self, service, before, service.task_definition, "SUCCESSFUL", "steady")
        return service

    def list_service_deployments(self):
        cluster = self.ecs_backend._get_cluster(self._get_param("cluster", "default"))
        service = self.ecs_backend._get_service(cluster.name, self._get_param("service"))
        statuses = self._get_param("status") or []
        found = [
            d for d in self.ecs_backend.__dict__.get("doppio_service_deployments", [])
            if d["serviceArn"] == service.arn and (not statuses or d["status"] in statuses)
        ]
        found.sort(key=lambda d: d["createdAt"], reverse=True)
        keys = ("serviceDeploymentArn", "serviceArn", "clusterArn", "startedAt", "createdAt",
                "finishedAt", "status", "statusReason")
        briefs = [{k: d[k] for k in keys if k in d} | {"targetServiceRevisionArn": d["targetServiceRevision"]["arn"]}
                  for d in found]
        return ActionResult({"serviceDeployments": briefs})

    def describe_service_deployments(self):
        arns = self._get_param("serviceDeploymentArns") or []
        if not arns:
            raise InvalidParameterException("serviceDeploymentArns must not be empty.")
        known = {d["serviceDeploymentArn"]: d for d in self.ecs_backend.__dict__.get("doppio_service_deployments", [])}
        return ActionResult({
            "serviceDeployments": [known[a] for a in arns if a in known],
            "failures": [{"arn": a, "reason": "MISSING"} for a in arns if a not in known],
        })

    Backend.create_service = create_service
    Backend.update_service = update_service
    Response.list_service_deployments = list_service_deployments
    Response.describe_service_deployments = describe_service_deployments


@patch("ecr-cross-account-registry")
def ecr_cross_account_registry():
    """moto serves every ECR request from the caller's own account, so `DescribeImages(registryId=
    <another account>)` finds no repository. ECR serves it from the registry named, when that
    repository's policy lets the caller in (the shared-registry setup of a multi-account
    organisation). Here a request naming a registryId is served from that account; repository
    policies are not evaluated (IAM enforcement still checks the caller's own policy)."""
    from moto.ecr import responses as ecr_responses
    from moto.ecr.models import ecr_backends

    def ecr_backend(self):
        registry = self._get_param("registryId")
        return ecr_backends[registry or self.current_account][self.region]

    ecr_responses.ECRResponse.ecr_backend = property(ecr_backend)


@patch("access-denied-in-the-service-protocol")
def access_denied_in_the_service_protocol():
    """With IAM enforced (the suite turns it on), moto refuses a request in XML whatever the
    service's protocol; the JSON services' SDKs (ECS, ECR, Application Auto Scaling) then fail to
    read it and report a deserialisation error instead of the missing permission. ECS answers
    `AccessDeniedException` as JSON, naming the action, and so does this."""
    from moto.core.exceptions import JsonRESTError
    from moto.iam.access_control import IAMRequest

    original = IAMRequest._raise_access_denied

    def raise_access_denied(self):
        if "X-Amz-Target" in self._headers or "x-amz-target" in self._headers:
            error = JsonRESTError("AccessDeniedException", f"User: {self._access_key.arn} is not authorized to perform: {self._action}")
            error.code = 400
            raise error
        original(self)

    IAMRequest._raise_access_denied = raise_access_denied


def main(argv):
    if argv[1:] == ["--list"]:
        for name, apply in PATCHES.items():
            print(f"{name}: {apply.__doc__.split(chr(10))[0]}")
        return
    # Order matters: each later update_service wrapper reads what the earlier ones decided.
    for apply in PATCHES.values():
        apply()
    from moto.server import main as serve

    host, port = (argv[1:] + ["127.0.0.1", "5000"])[:2]
    serve(["-H", host, "-p", port])


if __name__ == "__main__":
    main(sys.argv)
