package teams

// The building blocks of the bot's Adaptive Cards, as JSON-ready maps.
// Teams renders schema 1.5 plus its own elements (Table, Chart.*).

const (
	cardSchemaURL = "http://adaptivecards.io/schemas/adaptive-card.json"
	cardVersion   = "1.5"
)

// acElem is one element, action or input of a card.
type acElem map[string]any

// with sets a property and returns the element, for chaining.
func (e acElem) with(key string, value any) acElem {
	e[key] = value
	return e
}

// adaptiveCard wraps a body and its actions into a card.
func adaptiveCard(body []acElem, actions []acElem) map[string]any {
	if body == nil {
		body = []acElem{}
	}
	card := map[string]any{
		"$schema": cardSchemaURL,
		"type":    "AdaptiveCard",
		"version": cardVersion,
		"body":    body,
	}
	if len(actions) > 0 {
		card["actions"] = actions
	}
	return card
}

// acText is a wrapping TextBlock. Its text is card markdown: outside text
// in it must have gone through cardEscape.
func acText(text string) acElem {
	return acElem{"type": "TextBlock", "text": text, "wrap": true}
}

// acHeading is a bold TextBlock, larger for a card's title.
func acHeading(text string, title bool) acElem {
	t := acText(text).with("weight", "Bolder")
	if title {
		t["size"] = "Medium"
	}
	return t
}

// acNote is a small, subdued TextBlock.
func acNote(text string) acElem {
	return acText(text).with("isSubtle", true).with("size", "Small")
}

// acFieldError is a field's error in red, under the field.
func acFieldError(msg string) acElem {
	return acText(cardEscape(msg)).with("color", "Attention").with("size", "Small").with("spacing", "None")
}

// acFact is one line of a FactSet; value is card markdown.
type acFact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// acFacts is a FactSet, or nil without facts.
func acFacts(facts []acFact) acElem {
	if len(facts) == 0 {
		return nil
	}
	return acElem{"type": "FactSet", "facts": facts}
}

// acContainer groups elements, with a separator line above when asked.
func acContainer(items []acElem, separator bool) acElem {
	c := acElem{"type": "Container", "items": items}
	if separator {
		c["separator"] = true
		c["spacing"] = "Medium"
	}
	return c
}

// acTable is a Table whose first row is the header; cells are card
// markdown, and columns after the first are right-aligned numbers.
func acTable(header []string, rows [][]string, widths []int) acElem {
	columns := make([]acElem, len(header))
	for i := range header {
		w := 1
		if i < len(widths) {
			w = widths[i]
		}
		columns[i] = acElem{"width": w}
		if i > 0 {
			columns[i]["horizontalCellContentAlignment"] = "Right"
		}
	}
	row := func(cells []string, bold bool) acElem {
		out := make([]acElem, len(cells))
		for i, c := range cells {
			t := acText(c)
			if bold {
				t["weight"] = "Bolder"
			}
			out[i] = acElem{"type": "TableCell", "items": []acElem{t}}
		}
		return acElem{"type": "TableRow", "cells": out}
	}
	all := []acElem{row(header, true)}
	for _, r := range rows {
		all = append(all, row(r, false))
	}
	return acElem{"type": "Table", "columns": columns, "rows": all, "firstRowAsHeaders": true, "gridStyle": "accent"}
}

// acSubmit is an Action.Submit carrying data; in a dialog it submits the
// dialog, inputs beside data.
func acSubmit(title string, data any) acElem {
	return acElem{"type": "Action.Submit", "title": title, "data": data}
}

// acExecute is a Universal Action (Action.Execute) with its verb and data.
func acExecute(title, verb string, data any) acElem {
	return acElem{"type": "Action.Execute", "title": title, "verb": verb, "data": data}
}

// acOpenURL is a button that opens a link.
func acOpenURL(title, url string) acElem {
	return acElem{"type": "Action.OpenUrl", "title": title, "url": url}
}

// appendSome appends the elements that are not nil.
func appendSome(body []acElem, elems ...acElem) []acElem {
	for _, e := range elems {
		if e != nil {
			body = append(body, e)
		}
	}
	return body
}
