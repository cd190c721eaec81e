/**
 * Builds the configured chat channels from the settings: one per platform with a token, the others
 * said to be off once in the log. The server runs with none.
 *
 * ```ts
 * const channels = createChannels(config.channels, { logger, inbound: dispatcher });
 * const app = createApp({ ...deps, webhooks: channelWebhooks(channels) });
 * app.listen(port, () => void startChannels(channels, logger));
 * ```
 */
import type { ChannelsConfig } from "../config.js";
import type { ChannelName } from "../conversation/message.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import { channelFactories, type Channel, type ChannelWebhook, type InboundSink } from "./channel.js";

const TOKEN_VARIABLES: Record<ChannelName, string> = { telegram: "TELEGRAM_BOT_TOKEN", zalo: "ZALO_BOT_TOKEN" };

export function createChannels(config: ChannelsConfig, options: { logger: Logger; inbound: InboundSink }): Channel[] {
  const channels: Channel[] = [];
  for (const name of Object.keys(channelFactories) as ChannelName[]) {
    const settings = config[name];
    if (!settings) {
      options.logger.info({ channel: name }, `${name} channel off: ${TOKEN_VARIABLES[name]} is not set`);
      continue;
    }
    channels.push(
      channelFactories[name]({
        token: settings.token,
        webhookSecret: settings.webhookSecret,
        apiRoot: settings.apiRoot,
        mode: config.mode,
        publicUrl: config.publicUrl,
        logger: options.logger,
        inbound: options.inbound,
      }),
    );
  }
  return channels;
}

/** The webhooks of the channels in webhook mode, for `createApp({ webhooks })`. */
export function channelWebhooks(channels: Channel[]): ChannelWebhook[] {
  return channels.flatMap((channel) => (channel.webhook ? [channel.webhook] : []));
}

/**
 * Starts every channel (polling loops, webhook registration). A channel that fails to start is
 * logged and left off; the others and the server keep running.
 */
export async function startChannels(channels: Channel[], logger: Logger): Promise<void> {
  await Promise.all(
    channels.map((channel) =>
      channel.start().catch((error: unknown) => {
        logger.error({ channel: channel.name, mode: channel.mode, err: describeError(error) }, "channel failed to start");
      }),
    ),
  );
}

/** Stops every channel: no more updates come in (the inbox dispatcher answers what is stored). */
export async function stopChannels(channels: Channel[], logger: Logger): Promise<void> {
  await Promise.all(
    channels.map((channel) =>
      channel.stop().catch((error: unknown) => {
        logger.warn({ channel: channel.name, err: describeError(error) }, "channel did not stop cleanly");
      }),
    ),
  );
}
