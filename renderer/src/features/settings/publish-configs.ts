/**
 * The proxy and tunnel configurations the in-app guides show, filled in with this machine's SCIM
 * listener and the public host. build/README.md carries the same configurations.
 */
export interface PublishTarget {
  /** Public host name, e.g. scim.example.com. */
  readonly host: string;
  /** The SCIM listener's origin, e.g. http://127.0.0.1:8080. */
  readonly upstream: string;
}

export function nginxConfig({ host, upstream }: PublishTarget): string {
  return `server {
    listen 443 ssl;
    server_name ${host};
    ssl_certificate     /etc/letsencrypt/live/${host}/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/${host}/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;

    location /scim/v2/ {
        proxy_pass ${upstream};    # no path after the port: /scim/v2/… passes unchanged
        proxy_set_header Host $host;
        proxy_set_header Authorization $http_authorization;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
    }
    location = /ping {            # health check for uptime monitors
        proxy_pass ${upstream};
    }
}`;
}

export function caddyConfig({ host, upstream }: PublishTarget): string {
  return `${host} {
    # Caddy obtains and renews the certificate itself.
    handle /scim/v2/* {
        reverse_proxy ${upstream} {
            health_uri /ping
            health_interval 30s
        }
    }
    handle /ping {
        reverse_proxy ${upstream}
    }
}`;
}

export function cloudflaredConfig({ host, upstream }: PublishTarget): string {
  return `# /etc/cloudflared/config.yml
tunnel: <tunnel-id>
credentials-file: /etc/cloudflared/<tunnel-id>.json
ingress:
  - hostname: ${host}
    path: ^/(scim/v2/|ping$)
    service: ${upstream}        # no path after the port
  - service: http_status:404`;
}

export function acmeCommand({ host }: PublishTarget): string {
  return `node dist/main/node/serve.js --scim-host 0.0.0.0 --scim-port 443 \\
  --acme-domain ${host} --acme-email it@example.com`;
}
