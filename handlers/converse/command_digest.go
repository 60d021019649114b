package converse

import "context"

// digest answers `digest`: today's digest as it would be posted, to the
// caller alone.
func (c *Conversation) digest(ctx context.Context, call Call, _ []string) Reply {
	d, err := c.svc.PreviewDigest(ctx)
	if err != nil {
		return c.failed(err)
	}
	return Reply{Digest: &d, Private: true}
}
