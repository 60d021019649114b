package converse

import "context"

// board answers admins' `board` with the link of the board on the wall,
// privately: the link holds the board's token.
func (c *Conversation) board(_ context.Context, call Call, _ []string) Reply {
	link, err := c.svc.BoardLink(call.User)
	if err != nil {
		r := c.refused(call, err)
		r.Private = true
		return r
	}
	return Reply{Private: true, Blocks: []Block{
		P(T("The board on the wall: "), L("open the board", link), T(".")),
		Note{T("The link holds the board's token: pass it only to those who may see the board.")},
	}}
}
