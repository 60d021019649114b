// Package board serves the board on the wall: GET /board, a read-only page
// of the month's agreement (the goals each team commits to, with pace), its
// funnel and the digest's charts, for a screen in the office and for the
// people in neither chat (finance, leadership).
//
// The page is drawn on the server (html/template, charts as inline SVG) and
// loads nothing from elsewhere, which its Content-Security-Policy enforces.
// It keeps itself current: a Server-Sent Events stream (/board/events) says
// when the figures changed, and a few lines of script fetch the new ones
// (/board/fragment) and swap them in.
//
// Access needs the token of ARMISTICE_BOARD_TOKEN: /board?token=… sets a
// cookie that proves it, and redirects to /board so that the token leaves
// the address bar. Without a token configured the board answers 404.
package board
