local containers = import 'containers.libsonnet';
local env = std.native('env');
local tfstate = std.native('tfstate');
local registry = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
{
  family: 'web',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    containers.container('web', registry + '/web:' + env('IMAGE_TAG', 'latest'), port=8080),
    containers.container('worker', registry + '/worker:latest'),
    containers.container('api', registry + '/api:{{ env `IMAGE_TAG` `latest` }}'),
    containers.container('log-router', tfstate('aws_ecr_repository.fluent_bit.repository_url') + ':stable'),
  ],
}
