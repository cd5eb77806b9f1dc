local containers = import 'containers.libsonnet';
local must_env = std.native('must_env');
local ssm = std.native('ssm');
local registry = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
{
  family: 'web',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    containers.container('web', registry + '/web:' + must_env('IMAGE_TAG'), port=8080),
    containers.container('log-router', ssm('/platform/fluent-bit/image')),
  ],
}
